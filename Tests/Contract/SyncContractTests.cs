using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Sync settings, runs, correlations and the script checklist answer as the API document says.</summary>
[TestClass]
public sealed class SyncContractTests
{
    public static readonly string[] Tags = ["Sync"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Sync_AnswersAsDocumented()
    {
        var pair = _fixture.Pair;
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.TenantConfigEdit);
        var sync = $"/tenant-pairs/{pair.PairId}/sync";
        var skill = (await ContractFixture.ReadAsync(await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/skills", new { name = "English" }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/scripts", new { name = "IVR", content = $"route to skill {skill}" });

        await ContractFixture.ReadAsync(await admin.GetAsync(sync), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/sync"), HttpStatusCode.NotFound, "not-found");
        await ContractFixture.ReadAsync(await admin.PutAsJsonAsync(sync, new { enabled = true }), HttpStatusCode.OK);
        await ContractFixture.ReadAsync(await admin.PutAsJsonAsync(sync, new { enabled = true, mode = "custom", entityTypes = new[] { "skills", "scripts" } }), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync(sync, new { mode = "custom" }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PutAsync(sync, ContractFixture.Json("""{"enabled":"yes"}""")), HttpStatusCode.BadRequest, "bad-request");

        var started = await admin.PostAsync($"{sync}/runs", null);
        var runId = (await ContractFixture.ReadAsync(started, HttpStatusCode.Accepted))["runId"]!.GetValue<string>();
        Assert.AreEqual($"/tenant-pairs/{pair.PairId}/sync/runs/{runId}", started.Headers.Location?.OriginalString);
        var again = await admin.PostAsync($"{sync}/runs", null);
        if (again.StatusCode == HttpStatusCode.Conflict)
        {
            await ContractFixture.ProblemAsync(again, HttpStatusCode.Conflict, "sync-running");
        }

        await WaitForRunsAsync(admin, sync);
        await ContractFixture.ReadAsync(await admin.GetAsync($"{sync}/runs/{runId}"), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{sync}/runs/{UnknownId}"), HttpStatusCode.NotFound, "not-found");
        await ContractFixture.ProblemAsync(await admin.PostAsync($"{sync}/runs/{runId}/release-deletes", null), HttpStatusCode.Conflict, "no-held-deletes");
        await ContractFixture.ProblemAsync(await admin.PostAsync($"{sync}/runs/{UnknownId}/release-deletes", null), HttpStatusCode.NotFound, "not-found");
        await admin.GetAsync($"{sync}/runs?limit=50");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{sync}/runs?limit=51"), HttpStatusCode.BadRequest, "validation");

        var correlations = $"/tenant-pairs/{pair.PairId}/correlations";
        var correlation = await ContractFixture.ReadAsync(await admin.GetAsync($"{correlations}/skills/{skill}"), HttpStatusCode.OK);
        var bcpId = correlation["bcpId"]!.GetValue<string>();
        await ContractFixture.ReadAsync(await admin.GetAsync($"{correlations}/skills/{bcpId}?direction=reverse"), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{correlations}/skills/{skill}?direction=sideways"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{correlations}/nope/{skill}"), HttpStatusCode.NotFound, "unknown-entity-type");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{correlations}/skills/{UnknownId}"), HttpStatusCode.NotFound, "not-found");

        var checklist = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/scripts/checklist"), HttpStatusCode.OK);
        Assert.AreEqual(1, checklist["scripts"]!.AsArray().Count, checklist.ToJsonString());

        // A type the primary shows empty while the BCP tenant holds a copy: the run holds the delete, and it is released.
        var disposition = (await ContractFixture.ReadAsync(
            await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/dispositions", new { name = "Callback" }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ContractFixture.ReadAsync(await admin.PutAsJsonAsync(sync, new { enabled = true, mode = "custom", entityTypes = new[] { "dispositions" } }), HttpStatusCode.OK);
        await admin.PostAsync($"{sync}/runs", null);
        await WaitForRunsAsync(admin, sync);
        (await admin.DeleteAsync($"/tenants/{pair.PrimaryTenantId}/dispositions/{disposition}")).EnsureSuccessStatusCode();
        var holding = (await ContractFixture.ReadAsync(await admin.PostAsync($"{sync}/runs", null), HttpStatusCode.Accepted))["runId"]!.GetValue<string>();
        await WaitForRunsAsync(admin, sync);
        await ContractFixture.ReadAsync(await admin.PostAsync($"{sync}/runs/{holding}/release-deletes", null), HttpStatusCode.Accepted);
        await WaitForRunsAsync(admin, sync);
        await ContractFixture.ProblemAsync(await admin.PostAsync($"{sync}/runs/{holding}/release-deletes", null), HttpStatusCode.Conflict, "deletes-already-released");

        _fixture.AssertCovered(Tags);
    }

    private static async Task WaitForRunsAsync(HttpClient client, string sync)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await client.GetFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>($"{sync}/runs"))!.Any(run => run["finishedAt"] is null))
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "the runs end");
            await Task.Delay(50);
        }
    }
}
