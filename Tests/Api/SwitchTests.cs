using Microsoft.Extensions.Time.Testing;
using System.Net;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The switch through HTTP (spec §3.2), run once per storage provider.</summary>
public abstract class SwitchTests
{
    protected abstract Task<StoreSetup> CreateStoreAsync();

    protected abstract Task DeleteStoreAsync();

    [TestCleanup]
    public Task CleanupAsync() => DeleteStoreAsync();

    [TestMethod]
    public async Task Switch_RightPasskey_SwitchesBumpsEpochAndAudits()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));

        Assert.AreEqual(PairRole.Bcp, status.ActiveSide);
        Assert.AreEqual(1, status.Epoch);
        Assert.AreEqual(SwitchOutcome.Switched, status.Outcome);
        Assert.AreEqual(pair.BcpTenantId, status.ActiveTenantId);
        Assert.AreEqual("Classics Inc. BCP", status.ActiveAccountName);
        var audit = await BcpClient.GetAuditAsync(admin, pair.PairId);
        var entry = audit[0];
        Assert.AreEqual(("switch", "switched", "admin-1", pair.PrimaryTenantId), (entry.Action, entry.Outcome, entry.ActorUserId, entry.ActorTenantId));
        Assert.AreEqual(1L, entry.Details["epoch"]!.GetValue<long>(), "a JSON number");
    }

    [TestMethod]
    public async Task Switch_SameSideAgain_Returns200WithoutEpochChange()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));

        var again = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));

        Assert.AreEqual(SwitchOutcome.AlreadyActive, again.Outcome);
        Assert.AreEqual(1, again.Epoch);
        Assert.AreEqual(PairRole.Bcp, again.ActiveSide);
    }

    [TestMethod]
    public async Task Switch_WrongPasskey_Returns403AndChangesNothing()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var problem = await BcpClient.ReadProblemAsync(
            await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", "AAAA-BBBB-CCCC-DDDD"), HttpStatusCode.Forbidden);

        Assert.AreEqual("/problems/passkey-invalid", problem.GetProperty("type").GetString());
        var status = await BcpClient.GetStatusAsync(admin, pair.PairId);
        Assert.AreEqual((PairRole.Primary, 0L), (status.ActiveSide, status.Epoch));
        Assert.AreEqual("passkey-invalid", (await BcpClient.GetAuditAsync(admin, pair.PairId))[0].Outcome);
    }

    [TestMethod]
    public async Task Switch_SixthWrongAttemptInWindow_Returns429AndRefusesRightPasskeyUntilLockExpires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync(), time);
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", $"WRONG-{attempt}"), HttpStatusCode.Forbidden);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var sixth = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", "WRONG-6");
        await BcpClient.ReadProblemAsync(sixth, HttpStatusCode.TooManyRequests);
        var rightButLocked = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var problem = await BcpClient.ReadProblemAsync(rightButLocked, HttpStatusCode.TooManyRequests);
        Assert.AreEqual("/problems/switch-locked", problem.GetProperty("type").GetString());
        // Locked at the 5th failure (minute 4) for 15 minutes; it is now minute 5.
        Assert.AreEqual(TimeSpan.FromMinutes(14), rightButLocked.Headers.RetryAfter?.Delta);
        Assert.AreEqual(0, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch);

        time.Advance(TimeSpan.FromMinutes(14));
        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        Assert.AreEqual((PairRole.Bcp, 1L), (status.ActiveSide, status.Epoch));
    }

    [TestMethod]
    public async Task Switch_Lockout_SurvivesHostRestart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var store = await CreateStoreAsync();
        TestPair pair;
        await using (var first = await ApiHost.StartAsync(store, time))
        {
            pair = await BcpClient.CreatePairAsync(first);
            using var admin = first.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", "WRONG"), HttpStatusCode.Forbidden);
            }
        }

        await using var restarted = await ApiHost.StartAsync(store, time);
        using var again = restarted.ClientFor(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);

        await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(again, pair.PairId, "bcp", pair.Passkey), HttpStatusCode.TooManyRequests);
        Assert.IsNotNull((await BcpClient.GetStatusAsync(again, pair.PairId)).SwitchLockedUntil);
    }

    [TestMethod]
    public async Task Switch_BcpTenantUser_ReturnsToPrimary()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var primaryAdmin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var bcpAdmin = host.ClientFor(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(primaryAdmin, pair.PairId, "bcp", pair.Passkey));

        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(bcpAdmin, pair.PairId, "primary", pair.Passkey));

        Assert.AreEqual((PairRole.Primary, 2L), (status.ActiveSide, status.Epoch));
        Assert.AreEqual("admin-2", status.LastSwitch!.By.UserId);
    }

    [TestMethod]
    public async Task Switch_OperatorWithoutPasskey_NeedsReasonAndIsAudited()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);

        await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(operatorClient, pair.PairId, "bcp", null), HttpStatusCode.BadRequest);
        var status = await BcpClient.ReadStatusAsync(
            await BcpClient.SwitchAsync(operatorClient, pair.PairId, "bcp", null, "Primary region down, ticket 4711"));

        Assert.AreEqual((PairRole.Bcp, 1L), (status.ActiveSide, status.Epoch));
        var entry = (await BcpClient.GetAuditAsync(operatorClient, pair.PairId))[0];
        Assert.AreEqual(("operator", "Primary region down, ticket 4711"), (entry.Details["mode"]!.GetValue<string>(), entry.Details["reason"]!.GetValue<string>()));
    }

    [TestMethod]
    public async Task RotatePasskey_OldPasskeyStopsWorkingNewOneWorks()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var rotated = await operatorClient.PostAsync($"/tenant-pairs/{pair.PairId}/passkey/rotate", null);
        Assert.AreEqual(HttpStatusCode.OK, rotated.StatusCode);
        var newPasskey = System.Text.Json.JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("passkey").GetString()!;

        await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey), HttpStatusCode.Forbidden);
        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", newPasskey.ToLowerInvariant()));
        Assert.AreEqual(1, status.Epoch);
        Assert.AreEqual("passkey-rotate", (await BcpClient.GetAuditAsync(admin, pair.PairId))[2].Action);
    }

    [TestMethod]
    public async Task Switch_TwentyConcurrentRequestsOnTwoHosts_EpochEqualsEffectiveSwitchesAndEachIsAuditedOnce()
    {
        var store = await CreateStoreAsync();
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store);
        var pair = await BcpClient.CreatePairAsync(hostA);
        using var clientA = hostA.ClientFor(pair.PrimaryTenantId, "admin-a", Permissions.ActivationEdit);
        using var clientB = hostB.ClientFor(pair.BcpTenantId, "admin-b", Permissions.ActivationEdit);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => BcpClient.SwitchAsync(
            i % 2 == 0 ? clientA : clientB, pair.PairId, i % 4 < 2 ? "bcp" : "primary", pair.Passkey)));

        var switched = 0;
        foreach (var response in responses)
        {
            // A request that lost the write race twice answers 409 and changed nothing; anything else is a bug.
            Assert.IsTrue(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            if (response.StatusCode == HttpStatusCode.OK && (await BcpClient.ReadStatusAsync(response)).Outcome == SwitchOutcome.Switched)
            {
                switched++;
            }
        }

        // Each host may serve pair state up to 500 ms old (spec: every silo within 1 s).
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var statusA = await BcpClient.GetStatusAsync(clientA, pair.PairId);
        var statusB = await BcpClient.GetStatusAsync(clientB, pair.PairId);
        var audit = await BcpClient.GetAuditAsync(clientA, pair.PairId);
        var switchEntries = audit.Where(entry => entry.Outcome == "switched").ToList();
        Assert.AreEqual(switched, statusA.Epoch);
        Assert.AreEqual((statusA.Epoch, statusA.ActiveSide), (statusB.Epoch, statusB.ActiveSide));
        Assert.AreEqual(switched, switchEntries.Count);
        CollectionAssert.AreEquivalent(
            Enumerable.Range(1, switched).Select(epoch => (long)epoch).ToList(),
            switchEntries.Select(entry => entry.Details["epoch"]!.GetValue<long>()).ToList());
        Assert.AreEqual(audit.Count, audit.Select(entry => entry.Sequence).Distinct().Count());
    }

    [TestMethod]
    public async Task Passkey_NeverAppearsInLogsOrAudit()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        const string wrongPasskey = "ZZZZ-YYYY-XXXX-WWWW";

        await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", wrongPasskey);
        await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var rotated = await (await operatorClient.PostAsync($"/tenant-pairs/{pair.PairId}/passkey/rotate", null)).Content.ReadAsStringAsync();
        var newPasskey = System.Text.Json.JsonDocument.Parse(rotated).RootElement.GetProperty("passkey").GetString()!;
        var auditJson = await (await admin.GetAsync($"/tenant-pairs/{pair.PairId}/audit")).Content.ReadAsStringAsync();

        Assert.IsGreaterThan(0, host.Logs.Lines.Count);
        foreach (var secret in new[] { pair.Passkey, newPasskey, wrongPasskey, pair.Passkey.Replace("-", "", StringComparison.Ordinal) })
        {
            Assert.IsFalse(host.Logs.Lines.Any(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)), "passkey in logs");
            Assert.IsFalse(auditJson.Contains(secret, StringComparison.OrdinalIgnoreCase), "passkey in audit");
        }
    }
}
