using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Sync;
using Data = Orleans.Bcp.Tests.Upgrade.PreviousReleaseData;

namespace Orleans.Bcp.Tests.Upgrade;

/// <summary>
/// This release started on a data folder the release before Orleans wrote (<see cref="PreviousReleaseData"/>):
/// everything it held answers through HTTP, and its daily sync is scheduled on Orleans reminders. The
/// product's clock is a fake set a minute after the old release stopped, so the old wrong passkeys are
/// still inside the lockout window and no daily run is due unless a test moves the clock.
/// </summary>
[TestClass]
public sealed class UpgradeTests
{
    /// <summary>Wrong passkeys in the window that lock the switch for a caller (LockoutPolicy).</summary>
    private const int LockoutThreshold = 5;

    private static readonly DateTimeOffset UpgradedAt = Data.SyncEnabledAt + TimeSpan.FromMinutes(1);

    /// <summary>The primary entities the old run copied, with their copies' ids.</summary>
    private static readonly (string Type, string PrimaryId, string BcpId)[] Correlated =
    [
        (EntityTypes.Skills, Data.Primary.SkillId, Data.Bcp.SkillId),
        (EntityTypes.Roles, Data.Primary.RoleId, Data.Bcp.RoleId),
        (EntityTypes.Users, Data.Primary.UserId, Data.Bcp.UserId),
        (EntityTypes.PointsOfContact, Data.Primary.PointOfContactId, Data.Bcp.PointOfContactId),
    ];

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(UpgradedAt);

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task UpgradedFolder_PairTenantsAndAudit_AsThePreviousReleaseLeftThem()
    {
        await using var host = await StartUpgradedAsync();
        using var admin = host.ClientFor(Data.PrimaryTenantId, "reader-1");

        var status = await BcpClient.GetStatusAsync(admin, Data.PairId);
        Assert.AreEqual((PairRole.Primary, Data.Epoch, Data.PrimaryTenantId, Data.PrimaryName), (status.ActiveSide, status.Epoch, status.ActiveTenantId, status.ActiveAccountName));
        Assert.AreEqual((Data.BcpTenantId, Data.BcpName, "eu-west"), (status.Bcp.TenantId, status.Bcp.AccountName, status.Bcp.Region));
        Assert.AreEqual((PairRole.Primary, Data.Epoch, Data.AdminUserId), (status.LastSwitch?.ToSide, status.LastSwitch?.Epoch, status.LastSwitch?.By.UserId));
        Assert.IsNull(status.SwitchLockedUntil, "two failures are no lockout");

        var primary = await TenantAsync(admin, Data.PrimaryTenantId);
        Assert.AreEqual((Data.PrimaryName, Data.PairId, (PairRole?)PairRole.Primary), (primary.Name, primary.PairId, primary.Role));
        using var bcpUser = host.ClientFor(Data.BcpTenantId, "agent-1");
        var bcp = await TenantAsync(bcpUser, Data.BcpTenantId);
        Assert.AreEqual((Data.BcpName, Data.PairId, (PairRole?)PairRole.Bcp), (bcp.Name, bcp.PairId, bcp.Role));

        var audit = await BcpClient.GetAuditAsync(admin, Data.PairId);
        CollectionAssert.AreEqual(
            new[]
            {
                "1 pair-create created", "2 switch switched", "3 switch switched", "4 switch passkey-invalid", "5 switch passkey-invalid",
                "6 sync-settings enabled", "7 sync-run started", "8 sync-run succeeded",
            },
            audit.OrderBy(entry => entry.Sequence).Select(entry => $"{entry.Sequence} {entry.Action} {entry.Outcome}").ToArray(),
            "the old trail, entry 8 once although it is also in the pair's outbox");
        Assert.AreEqual(2L, audit.Single(entry => entry.Sequence == 3).Details["epoch"]!.GetValue<long>(), "stored as text by the old release, answered as a number");
        Assert.AreEqual(Data.RunId, audit.Single(entry => entry.Sequence == 8).Details["runId"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task UpgradedFolder_OldPasskey_SwitchesFromTheOldEpochAndAuditsNext()
    {
        await using var host = await StartUpgradedAsync();
        using var admin = host.ClientFor(Data.PrimaryTenantId, "admin-2", Permissions.ActivationEdit);

        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, Data.PairId, "bcp", Data.Passkey));

        Assert.AreEqual((SwitchOutcome.Switched, PairRole.Bcp, Data.Epoch + 1, Data.BcpTenantId), (status.Outcome, status.ActiveSide, status.Epoch, status.ActiveTenantId));
        var latest = (await BcpClient.GetAuditAsync(admin, Data.PairId))[0];
        Assert.AreEqual((Data.AuditEntries + 1L, "switch", "switched", "admin-2"), (latest.Sequence, latest.Action, latest.Outcome, latest.ActorUserId));
        Assert.AreEqual(3L, latest.Details["epoch"]!.GetValue<long>());
        var problem = await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, Data.PairId, "primary", "WRONG-WRONG-0003"), HttpStatusCode.Forbidden);
        Assert.AreEqual("/problems/passkey-invalid", problem.GetProperty("type").GetString());
        var after = await BcpClient.GetStatusAsync(admin, Data.PairId);
        Assert.AreEqual((PairRole.Bcp, Data.Epoch + 1), (after.ActiveSide, after.Epoch));
    }

    [TestMethod]
    public async Task UpgradedFolder_OldWrongPasskeysAreThePairsNotACallers_ACallerLocksAtItsOwnFifth()
    {
        Assert.IsLessThan(TimeSpan.FromMinutes(15), UpgradedAt - Data.LastFailureAt, "the old failures are inside the window");
        await using var host = await StartUpgradedAsync();
        using var admin = host.ClientFor(Data.PrimaryTenantId, "admin-2", Permissions.ActivationEdit);

        // The old release counted wrong passkeys per pair, with no caller: they count towards the pair-wide lock only.
        for (var failure = 1; failure < LockoutThreshold; failure++)
        {
            var problem = await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, Data.PairId, "bcp", $"WRONG-{failure}"), HttpStatusCode.Forbidden);
            Assert.AreEqual(LockoutThreshold - failure, problem.GetProperty("attemptsLeft").GetInt32(), $"failure {failure} of {LockoutThreshold}: not locked yet");
        }

        await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(admin, Data.PairId, "bcp", "WRONG-5"), HttpStatusCode.Forbidden);
        Assert.IsNull((await BcpClient.GetStatusAsync(admin, Data.PairId)).SwitchLockedUntil, "7 wrong passkeys in the window lock no pair");
        var locked = await BcpClient.SwitchAsync(admin, Data.PairId, "bcp", Data.Passkey);
        var lockedProblem = await BcpClient.ReadProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.AreEqual(("/problems/switch-locked", "caller"), (lockedProblem.GetProperty("type").GetString(), lockedProblem.GetProperty("lockScope").GetString()));
        Assert.AreEqual(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);
        Assert.AreEqual(Data.Epoch, (await BcpClient.GetStatusAsync(admin, Data.PairId)).Epoch);
    }

    [TestMethod]
    public async Task UpgradedFolder_TenantConfiguration_ListedAndItsClaimsStillHeld()
    {
        await using var host = await StartUpgradedAsync();
        using var admin = host.ClientFor(Data.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        using var bcpUser = host.ClientFor(Data.BcpTenantId, "agent-1");

        Assert.AreEqual(Data.Primary.SkillId, await SingleIdAsync(admin, Data.PrimaryTenantId, EntityTypes.Skills));
        Assert.AreEqual(Data.Primary.RoleId, await SingleIdAsync(admin, Data.PrimaryTenantId, EntityTypes.Roles));
        Assert.AreEqual(Data.Primary.UserId, await SingleIdAsync(admin, Data.PrimaryTenantId, EntityTypes.Users));
        Assert.AreEqual(Data.Primary.PointOfContactId, await SingleIdAsync(admin, Data.PrimaryTenantId, EntityTypes.PointsOfContact));
        Assert.AreEqual(Data.Bcp.SkillId, await SingleIdAsync(bcpUser, Data.BcpTenantId, EntityTypes.Skills));
        Assert.AreEqual(Data.Bcp.UserId, await SingleIdAsync(bcpUser, Data.BcpTenantId, EntityTypes.Users));
        var user = await ConfigClient.GetAsync(admin, Data.PrimaryTenantId, EntityTypes.Users, Data.Primary.UserId);
        Assert.AreEqual((Data.Username, "single", Data.Primary.RoleId),
            (user.Body["username"]?.GetValue<string>(), user.Body["bcpType"]?.GetValue<string>(), user.Body["roleId"]?.GetValue<string>()));
        var copy = await ConfigClient.GetAsync(bcpUser, Data.BcpTenantId, EntityTypes.PointsOfContact, Data.Bcp.PointOfContactId);
        Assert.AreEqual((Data.VoiceNumber, Data.Bcp.SkillId), (copy.Body["address"]?.GetValue<string>(), copy.Body["skillId"]?.GetValue<string>()));

        var access = await bcpUser.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{Data.PairId}/bcp-access");
        Assert.AreEqual((0, 1, 1), (access?["none"]?.GetValue<int>(), access?["single"]?.GetValue<int>(), access?["billable"]?.GetValue<int>()));

        using var login = LoginClient.For(host);
        var options = await LoginClient.OptionsAsync(login, Data.Username);
        Assert.AreEqual((Data.Primary.UserId, "single", LoginMode.Direct, Data.PrimaryTenantId, Data.PairId),
            (options.UserId, options.BcpType, options.Mode, options.Target?.TenantId, options.PairId));
        var route = await RouteAsync(login, Data.VoiceNumber);
        Assert.AreEqual((Data.PrimaryTenantId, Data.Primary.PointOfContactId, Data.Primary.SkillId),
            (route.TenantId, route.PointOfContact.Id, route.PointOfContact.SkillId));

        var sameName = await ConfigClient.PostAsync(admin, Data.PrimaryTenantId, EntityTypes.Users, new { username = Data.Username.ToUpperInvariant() });
        Assert.AreEqual("/problems/username-taken", (await BcpClient.ReadProblemAsync(sameName, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var sameNumber = await ConfigClient.PostAsync(admin, Data.PrimaryTenantId, EntityTypes.PointsOfContact, new { name = "Second line", channel = "voice", address = "+1 415 555 0100" });
        Assert.AreEqual("/problems/address-taken", (await BcpClient.ReadProblemAsync(sameNumber, HttpStatusCode.Conflict)).GetProperty("type").GetString());
    }

    [TestMethod]
    public async Task UpgradedFolder_SyncSettingsRunsAndCorrelations_KeptAndTheNextRunFindsNothingToDo()
    {
        await using var host = await StartUpgradedAsync();
        using var admin = host.ClientFor(Data.PrimaryTenantId, "admin-1", Permissions.SyncEdit);

        var settings = await SyncClient.GetSettingsAsync(admin, Data.PairId);
        Assert.AreEqual((true, SyncMode.Default, "20:38"), (settings.Enabled, settings.Mode, settings.DailyAt));
        Assert.HasCount(11, settings.EntityTypes, "default mode: all 11 types");
        Assert.AreEqual(Data.SyncEnabledAt.AddDays(1), settings.NextRunAt);
        var old = (await SyncClient.GetRunsAsync(admin, Data.PairId)).Single();
        Assert.AreEqual((Data.RunId, SyncTrigger.Manual, SyncOutcome.Succeeded), (old.RunId, old.Trigger, old.Outcome));
        Assert.AreEqual(1, old.Counts[EntityTypes.PointsOfContact].Created);
        Assert.AreEqual((null, null), (old.Progress, old.SkipReason), "the old release recorded neither progress nor a skip reason");

        foreach (var (type, primaryId, bcpId) in Correlated)
        {
            Assert.AreEqual(bcpId, await SyncClient.BcpIdOfAsync(admin, Data.PairId, type, primaryId), type);
            var reverse = await admin.GetAsync($"/tenant-pairs/{Data.PairId}/correlations/{type}/{bcpId}?direction=reverse");
            Assert.AreEqual(HttpStatusCode.OK, reverse.StatusCode, type);
            Assert.AreEqual(primaryId, (await reverse.Content.ReadFromJsonAsync<JsonObject>())?["primaryId"]?.GetValue<string>(), type);
        }

        var next = await SyncClient.RunAsync(admin, Data.PairId);
        Assert.AreEqual(SyncOutcome.Succeeded, next.Outcome, next.Error);
        foreach (var (type, _, _) in Correlated)
        {
            Assert.AreEqual(new TypeCounts(0, 0, 0, 1, 0), next.Counts[type], $"{type}: the old correlations and content hashes match, so the copy is unchanged");
            Assert.AreEqual(new TypeProgress(1, 1), next.Progress![type], type);
        }
    }

    [TestMethod]
    public async Task UpgradedFolder_Start_RegistersTheOrleansReminderAndTheDailyRunComesAtTheOldTime()
    {
        await using var host = await StartUpgradedAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var syncGrain = grains.GetGrain<ISyncReminderGrain>(Data.PairId);

        var reminder = await host.Services.GetRequiredService<IReminderTable>().ReadRow(syncGrain.GetGrainId(), SyncSchedule.ReminderName);
        Assert.IsNotNull(reminder, "the start registered the pair's reminder");
        Assert.AreEqual(TimeSpan.FromSeconds(1), reminder.Period, "the check period (tests: one second)");
        var all = await host.Services.GetRequiredService<IReminderTable>().ReadRows(0, 0);
        Assert.AreEqual(1, all.Reminders.Count, "one reminder: the pair's; the old release's own reminder row is not read");

        _time.Advance(Data.SyncEnabledAt.AddDays(1) - UpgradedAt);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        SyncRunReport? scheduled;
        while ((scheduled = (await syncGrain.GetRunsAsync(50)).FirstOrDefault(run => run.Trigger == SyncTrigger.Schedule)) is not { Outcome: not SyncOutcome.Running })
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "the daily run did not start and end within 30 s of its time");
            await Task.Delay(100);
        }

        Assert.AreEqual((SyncOutcome.Succeeded, Data.SyncEnabledAt.AddDays(1)), (scheduled.Outcome, scheduled.StartedAt), scheduled.Error);
    }

    [TestMethod]
    public async Task EmptyFolder_Start_HasNoPairWhereTheUpgradedFolderHasOne()
    {
        await using (var empty = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("empty.db")), _time))
        {
            using var ops = empty.ClientFor("ops", "operator-1", Permissions.Setup);
            await BcpClient.ReadProblemAsync(await ops.GetAsync($"/tenant-pairs/{Data.PairId}"), HttpStatusCode.NotFound);
            Assert.AreEqual(0, (await empty.Services.GetRequiredService<IReminderTable>().ReadRows(0, 0)).Reminders.Count);
        }

        await using var upgraded = await StartUpgradedAsync();
        using var upgradedOps = upgraded.ClientFor("ops", "operator-1", Permissions.Setup);
        Assert.AreEqual(Data.Epoch, (await BcpClient.GetStatusAsync(upgradedOps, Data.PairId)).Epoch);
    }

    /// <summary>Copies the previous release's data folder and starts this release on the copy.</summary>
    private Task<ApiHost> StartUpgradedAsync()
    {
        var path = _folder.File(Data.DatabaseFile);
        File.Copy(Path.Combine(AppContext.BaseDirectory, Data.Folder, Data.DatabaseFile), path, overwrite: true);
        return ApiHost.StartAsync(StoreSetup.Sqlite(path), _time);
    }

    private static async Task<TenantInfo> TenantAsync(HttpClient client, string tenantId)
    {
        var response = await client.GetAsync($"/tenants/{tenantId}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TenantInfo>(BcpClient.Json))!;
    }

    private static async Task<string?> SingleIdAsync(HttpClient client, string tenantId, string type)
    {
        var (items, _) = await ConfigClient.ListAllAsync(client, tenantId, type, 100);
        Assert.HasCount(1, items, type);
        return items[0]["id"]?.GetValue<string>();
    }


    private static async Task<VoiceRoute> RouteAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json))!;
    }
}
