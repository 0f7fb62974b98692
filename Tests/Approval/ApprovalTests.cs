using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.SwitchReports;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Approval;

/// <summary>Two-person approval of passkey switches through HTTP on the embedded profile (docs/approval.md).</summary>
[TestClass]
public sealed class ApprovalTests
{
    private readonly TempFolder _folder = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Required_PasskeySwitchAnswers202_NothingSwitched_SecondUserApproves_SwitchedAndAuditNamesBoth()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var requester = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var approver = host.ClientFor(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        await ApprovalClient.RequireAsync(requester, pair.PairId, windowMinutes: 10);
        Assert.AreEqual(new ApprovalDocument(true, 10), await ReadApprovalAsync(requester, pair.PairId), "no request yet: latestRequest absent");

        var request = await ApprovalClient.RequestAsync(requester, pair, "bcp");

        Assert.AreEqual((PairRole.Bcp, "admin-1", SwitchRequestStatus.Pending), (request.Side, request.RequestedBy, request.Status));
        Assert.AreEqual(_time.GetUtcNow().AddMinutes(10), request.ExpiresAt);
        var unchanged = await BcpClient.GetStatusAsync(requester, pair.PairId);
        Assert.AreEqual((PairRole.Primary, 0L), (unchanged.ActiveSide, unchanged.Epoch), "a request switches nothing");
        var latest = (await ReadApprovalAsync(approver, pair.PairId)).LatestRequest;
        Assert.AreEqual((request.RequestId, SwitchRequestStatus.Pending), (latest?.RequestId, latest?.Status), "the second person finds the pending request without its id");

        var switched = await BcpClient.ReadStatusAsync(await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId));

        Assert.AreEqual((SwitchOutcome.Switched, PairRole.Bcp, 1L), (switched.Outcome, switched.ActiveSide, switched.Epoch));
        Assert.AreEqual(1L, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch);
        var entry = (await BcpClient.GetAuditAsync(requester, pair.PairId)).First(candidate => candidate.Action == "switch");
        Assert.AreEqual(("switched", "admin-2", pair.BcpTenantId), (entry.Outcome, entry.ActorUserId, entry.ActorTenantId));
        Assert.AreEqual("admin-1", entry.Details["requestedBy"]!.GetValue<string>());
        Assert.AreEqual("admin-2", entry.Details["approvedBy"]!.GetValue<string>());
        Assert.AreEqual(request.RequestId, entry.Details["requestId"]!.GetValue<string>());
        var read = await ApprovalClient.GetAsync(requester, pair.PairId, request.RequestId);
        Assert.AreEqual((SwitchRequestStatus.Approved, "admin-2"), (read.Status, read.DecidedBy));
        var again = await BcpClient.ReadProblemAsync(await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId), HttpStatusCode.Conflict);
        Assert.AreEqual("/problems/switch-request-approved", again.GetProperty("type").GetString());
    }

    [TestMethod]
    public async Task Approved_TheSwitchReportNamesWhenItWasApproved_AndTheMsFromTheRequest()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync());
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);
        using var approver = pending.Admin(pair.BcpTenantId, "admin-2");
        _time.Advance(TimeSpan.FromMinutes(2));

        using var approved = await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId);

        var answer = JsonDocument.Parse(await approved.Content.ReadAsStringAsync()).RootElement;
        Assert.AreEqual(HttpStatusCode.OK, approved.StatusCode, answer.ToString());
        Assert.IsFalse(answer.TryGetProperty("notReadyChecks", out _), "absent, not null: " + answer);
        var report = await SwitchReportClient.EventuallyAsync(requester, pair.PairId, 1, _ => true);
        Assert.AreEqual((request.RequestedAt, _time.GetUtcNow()), (SwitchReportClient.Time(report, "requestedAt"), SwitchReportClient.Time(report, "approvedAt")), report.ToString());
        Assert.AreEqual(TimeSpan.FromMinutes(2).TotalMilliseconds, report.GetProperty("msToApproval").GetDouble(), 0.1);
    }

    [TestMethod]
    public async Task SelfApproval_Is403_AndSwitchesNothing()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync());
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);

        var problem = await BcpClient.ReadProblemAsync(await ApprovalClient.ApproveAsync(requester, pair.PairId, request.RequestId), HttpStatusCode.Forbidden);

        Assert.AreEqual("/problems/self-approval", problem.GetProperty("type").GetString());
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch);
        Assert.AreEqual(SwitchRequestStatus.Pending, (await ApprovalClient.GetAsync(requester, pair.PairId, request.RequestId)).Status);
    }

    [TestMethod]
    public async Task Expired_Is409_ThenANewRequestCanBeMade()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync(), windowMinutes: 5);
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);
        using var approver = pending.Admin(pair.PrimaryTenantId, "admin-2");

        _time.Advance(TimeSpan.FromMinutes(5));
        var problem = await BcpClient.ReadProblemAsync(await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId), HttpStatusCode.Conflict);

        Assert.AreEqual("/problems/switch-request-expired", problem.GetProperty("type").GetString());
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch);
        Assert.AreEqual(SwitchRequestStatus.Expired, (await ApprovalClient.GetAsync(requester, pair.PairId, request.RequestId)).Status);
        var next = await ApprovalClient.RequestAsync(requester, pair, "bcp");
        Assert.AreNotEqual(request.RequestId, next.RequestId, "an expired request does not block a new one");
    }

    [TestMethod]
    public async Task SecondRequestWhilePending_Is409NamingThePendingOne()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync());
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);
        using var other = pending.Admin(pair.BcpTenantId, "admin-2");

        var problem = await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(other, pair.PairId, "bcp", pair.Passkey), HttpStatusCode.Conflict);

        Assert.AreEqual("/problems/switch-request-pending", problem.GetProperty("type").GetString());
        Assert.AreEqual(request.RequestId, problem.GetProperty("requestId").GetString());
        var requests = (await BcpClient.GetAuditAsync(requester, pair.PairId)).Count(entry => entry.Action == "switch-request");
        Assert.AreEqual(1, requests, "the refused second request wrote nothing");
    }

    [TestMethod]
    public async Task Decline_SwitchesNothing_AndTheRequestCannotBeApprovedAfter()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync());
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);
        using var second = pending.Admin(pair.PrimaryTenantId, "admin-2");

        var response = await ApprovalClient.DeclineAsync(second, pair.PairId, request.RequestId);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var declined = (await response.Content.ReadFromJsonAsync<SwitchRequestDocument>(BcpClient.Json))!;
        Assert.AreEqual((SwitchRequestStatus.Declined, "admin-2"), (declined.Status, declined.DecidedBy));
        var problem = await BcpClient.ReadProblemAsync(await ApprovalClient.ApproveAsync(second, pair.PairId, request.RequestId), HttpStatusCode.Conflict);
        Assert.AreEqual("/problems/switch-request-declined", problem.GetProperty("type").GetString());
        Assert.AreEqual((PairRole.Primary, 0L), ((await BcpClient.GetStatusAsync(requester, pair.PairId)).ActiveSide, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch));
        Assert.AreEqual(("switch-request", "declined"), ((await BcpClient.GetAuditAsync(requester, pair.PairId))[0].Action, (await BcpClient.GetAuditAsync(requester, pair.PairId))[0].Outcome));
        var latest = (await ReadApprovalAsync(requester, pair.PairId)).LatestRequest;
        Assert.AreEqual((request.RequestId, SwitchRequestStatus.Declined), (latest?.RequestId, latest?.Status));
    }

    private static async Task<ApprovalDocument> ReadApprovalAsync(HttpClient client, string pairId) =>
        (await (await client.GetAsync($"/tenant-pairs/{pairId}/approval")).Content.ReadFromJsonAsync<ApprovalDocument>(BcpClient.Json))!;

    [TestMethod]
    public async Task OperatorReasonedSwitch_BypassesApproval_AuditedAndSupersedesThePendingRequest()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var requester = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var approver = host.ClientFor(pair.PrimaryTenantId, "admin-2", Permissions.ActivationEdit);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        await ApprovalClient.RequireAsync(operatorClient, pair.PairId);
        var request = await ApprovalClient.RequestAsync(requester, pair, "bcp");

        var switched = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(operatorClient, pair.PairId, "bcp", null, "region down"));

        Assert.AreEqual((SwitchOutcome.Switched, 1L), (switched.Outcome, switched.Epoch));
        var entry = (await BcpClient.GetAuditAsync(operatorClient, pair.PairId)).First(candidate => candidate.Action == "switch");
        Assert.AreEqual("bypassed", entry.Details["approval"]!.GetValue<string>());
        var problem = await BcpClient.ReadProblemAsync(await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId), HttpStatusCode.Conflict);
        Assert.AreEqual("/problems/switch-request-superseded", problem.GetProperty("type").GetString());
        Assert.AreEqual(1L, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch);

        // Asking for the side already active answers 200 as always, no request.
        var already = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(requester, pair.PairId, "bcp", pair.Passkey));
        Assert.AreEqual((SwitchOutcome.AlreadyActive, 1L), (already.Outcome, already.Epoch));
    }

    [TestMethod]
    public async Task WrongPasskey_CountsTowardTheLockout_AndMakesNoRequest()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var requester = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await ApprovalClient.RequireAsync(requester, pair.PairId);

        var wrong = await BcpClient.ReadProblemAsync(await BcpClient.SwitchAsync(requester, pair.PairId, "bcp", "WRONG-1"), HttpStatusCode.Forbidden);

        Assert.AreEqual(4, wrong.GetProperty("attemptsLeft").GetInt32());
        var audit = await BcpClient.GetAuditAsync(requester, pair.PairId);
        Assert.IsFalse(audit.Any(entry => entry.Action == "switch-request"));
        var request = await ApprovalClient.RequestAsync(requester, pair, "bcp");
        Assert.AreEqual(SwitchRequestStatus.Pending, request.Status, "the right passkey still makes one");
    }

    [TestMethod]
    [DataRow("{\"windowMinutes\":10}", "required")]
    [DataRow("{\"required\":true,\"windowMinutes\":4}", "windowMinutes")]
    [DataRow("{\"required\":true,\"windowMinutes\":61}", "windowMinutes")]
    public async Task BadSettings_Are400NamingTheField_AndWriteNothing(string body, string field)
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var response = await admin.PutAsync($"/tenant-pairs/{pair.PairId}/approval", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.IsFalse((await BcpClient.GetAuditAsync(admin, pair.PairId)).Any(entry => entry.Action == "approval-settings"));
    }

    [TestMethod]
    public async Task Settings_OnlyOperatorsAndPrimaryAdmins_AuditedAndAnnounced()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var bcpAdmin = host.ClientFor(pair.BcpTenantId, "admin-9", Permissions.ActivationEdit);
        using var primaryAdmin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var refused = await BcpClient.ReadProblemAsync(await ApprovalClient.SetAsync(bcpAdmin, pair.PairId, new { required = true, windowMinutes = 5 }), HttpStatusCode.Forbidden);
        Assert.AreEqual("/problems/permission-required", refused.GetProperty("type").GetString());
        await ApprovalClient.RequireAsync(primaryAdmin, pair.PairId, windowMinutes: 30);

        var entry = (await BcpClient.GetAuditAsync(primaryAdmin, pair.PairId))[0];
        Assert.AreEqual(("approval-settings", "admin-1"), (entry.Action, entry.ActorUserId));
        Assert.AreEqual(JsonValueKind.Number, entry.Details["windowMinutes"]!.GetValueKind());
    }

    [TestMethod]
    public async Task RequestAndSettings_AreAnnounced_NeverWithThePasskey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Development lets a webhook point at the loopback receiver over http.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var requester = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await WebhookClient.RegisterAsync(requester, pair.PairId, receiver.Url, WebhookEventTypes.SwitchRequested, WebhookEventTypes.ApprovalChanged);
        await ApprovalClient.RequireAsync(requester, pair.PairId);

        var request = await ApprovalClient.RequestAsync(requester, pair, "bcp");

        var changed = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.ApprovalChanged, TimeSpan.FromSeconds(15));
        Assert.AreEqual("admin-1", changed.Json.GetProperty("data").GetProperty("actor").GetProperty("userId").GetString());
        var requested = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.SwitchRequested, TimeSpan.FromSeconds(15));
        Assert.AreEqual(request.RequestId, requested.Json.GetProperty("data").GetProperty("details").GetProperty("requestId").GetString());
        Assert.DoesNotContain(pair.Passkey, requested.Body, "never the passkey");
    }

    [TestMethod]
    public async Task PendingRequest_IsDurable_ApprovedAfterARestart()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        TestPair pair;
        SwitchRequestDocument request;
        await using (var first = await ApiHost.StartAsync(store, _time))
        {
            pair = await BcpClient.CreatePairAsync(first);
            using var requester = first.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            await ApprovalClient.RequireAsync(requester, pair.PairId);
            request = await ApprovalClient.RequestAsync(requester, pair, "bcp");
        }

        await using var second = await ApiHost.StartAsync(store, _time);
        using var approver = second.ClientFor(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        var switched = await BcpClient.ReadStatusAsync(await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId));

        Assert.AreEqual((PairRole.Bcp, 1L), (switched.ActiveSide, switched.Epoch));
    }

    [TestMethod]
    public async Task TwoApproversAtOnce_OneSwitches_TheOtherIs409()
    {
        await using var pending = await PendingSwitch.StartAsync(await StartAsync());
        var (pair, requester, request) = (pending.Pair, pending.Requester, pending.Request);
        using var first = pending.Admin(pair.PrimaryTenantId, "admin-2");
        using var second = pending.Admin(pair.BcpTenantId, "admin-3");

        var answers = await Task.WhenAll(
            ApprovalClient.ApproveAsync(first, pair.PairId, request.RequestId), ApprovalClient.ApproveAsync(second, pair.PairId, request.RequestId));

        CollectionAssert.AreEquivalent(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, answers.Select(answer => answer.StatusCode).ToArray());
        Assert.AreEqual(1L, (await BcpClient.GetStatusAsync(requester, pair.PairId)).Epoch, "one switch, not two");
    }

    private Task<ApiHost> StartAsync() => ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), _time);
}
