using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Orleans.Bcp.Api.Demo;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Routing;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Demo;

/// <summary>
/// <c>demo [--url …]</c>: seeds a running server through its HTTP API with a pair and a realistic small
/// tenant, prints what a newcomer needs once, and fails in one line when it cannot.
/// </summary>
[TestClass]
public sealed class DemoCommandTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Demo_OverTheWriteLimit_WaitsOutEachRetryAfter()
    {
        // The demo writes a site with one token, faster than a small write limit lets it: each 429 is waited out, not a failure.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>
        {
            ["RateLimits:Writes:Burst"] = "5",
            ["RateLimits:Writes:Refill"] = "10",
            ["RateLimits:Writes:Period"] = "00:00:01",
        });

        var (code, output, error) = await RunAsync("Development", "--url", host.BaseAddress.ToString());

        Assert.AreEqual(0, code, error);
        Assert.IsTrue(Printed(output).ContainsKey("pair"), output);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var refusals = (await anonymous.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.Contains("bcp_requests_rate_limited", StringComparison.Ordinal) && line.Contains("limit=\"writes\"", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, refusals.Count, "the demo was refused on the way");
        Assert.IsFalse(refusals[0].EndsWith(" 0", StringComparison.Ordinal), refusals[0]);
    }

    [TestMethod]
    public async Task Demo_AgainstARunningServer_SeedsAPairThatWorksThroughTheApi_AndRunsAgain()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));

        var (code, output, error) = await RunAsync("Development", "--url", host.BaseAddress.ToString());

        Assert.AreEqual(0, code, error);
        Assert.AreEqual("", error);
        var printed = Printed(output);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var status = await BcpClient.GetStatusAsync(operatorClient, printed["pair"]);
        Assert.AreEqual((printed["primary"], printed["bcp"]), (status.Primary.TenantId, status.Bcp.TenantId));
        StringAssert.Contains(output, $"--tenant {printed["primary"]} --user {printed["admin"]}", "how the administrator signs in");

        using var admin = host.ClientFor(printed["primary"], printed["admin"], Permissions.ActivationEdit, Permissions.SyncEdit);
        foreach (var type in EntityTypes.InSyncOrder.Where(type => !type.Singleton))
        {
            var (items, _) = await ConfigClient.ListAllAsync(admin, printed["primary"], type.Name, 100);
            Assert.AreEqual(Expected(type.Name), items.Count, type.Name);
        }

        var access = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{printed["pair"]}/bcp-access");
        Assert.AreEqual((1, 10, 11), (access!["multiple"]!.GetValue<int>(), access["single"]!.GetValue<int>(), access["billable"]!.GetValue<int>()));
        var checklist = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{printed["pair"]}/scripts/checklist");
        Assert.IsTrue(checklist!["scripts"]!.AsArray().All(script => script!["ids"]!.AsArray().Count >= 4),
            "each script names the tenant's own skills, users and points of contact by the ids the server gave them");

        using var login = LoginClient.For(host);
        var options = await LoginClient.OptionsAsync(login, printed["username"]);
        Assert.AreEqual((LoginMode.Selector, printed["admin"]), (options.Mode, options.UserId), "the administrator is BCP type multiple");
        var route = await RouteOnceKnownAsync(login, printed["number"]);
        Assert.AreEqual(printed["primary"], route.TenantId);

        var run = (await SyncClient.GetRunsAsync(admin, printed["pair"]))[0];
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.WaitAsync(admin, printed["pair"], run.RunId)).Outcome);
        Assert.AreEqual(DemoSeeder.Size.Users, (await TenantData.BcpOf(host, new TestPair(printed["pair"], printed["primary"], printed["bcp"], printed["passkey"]))
            .AllAsync(EntityTypes.Users)).Count, "the first run copied the users");
        var switched = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, printed["pair"], "bcp", printed["passkey"]));
        Assert.AreEqual(printed["bcp"], switched.ActiveTenantId, "the printed passkey switches the pair");

        var again = await RunAsync("Development", "--url", host.BaseAddress.ToString());
        Assert.AreEqual(0, again.Code, again.Error);
        Assert.AreNotEqual(printed["pair"], Printed(again.Output)["pair"], "a second demo makes a second pair: its usernames and numbers are its own");
    }

    /// <summary>
    /// The demo probed the number before it took it, and a silo remembers an unknown number for
    /// <see cref="VoiceRouter.CacheAge"/>: on a fast machine the demo ends inside that window.
    /// </summary>
    private static async Task<VoiceRoute> RouteOnceKnownAsync(HttpClient login, string number)
    {
        var deadline = DateTime.UtcNow + 2 * VoiceRouter.CacheAge;
        while (true)
        {
            var response = await login.GetAsync($"/routing/voice?address={Uri.EscapeDataString(number)}");
            if (response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
                return (await response.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json))!;
            }

            await Task.Delay(50);
        }
    }

    [TestMethod]
    public async Task Demo_NoServerThere_SaysSoInOneLine_ExitCodeOne()
    {
        var (code, output, error) = await RunAsync("Development", "--url", $"http://127.0.0.1:{AzuriteInstance.FreePort()}");

        Assert.AreEqual(1, code);
        Assert.AreEqual("", output);
        StringAssert.StartsWith(error, "demo: no server answers at http://127.0.0.1:");
        StringAssert.Contains(error, "dotnet run --project Api");
        Assert.AreEqual(1, error.Trim().Split('\n').Length, "one line, no stack trace");
    }

    [TestMethod]
    [DataRow("Production", "--url http://127.0.0.1:5080")]
    [DataRow("Development", "--url")]
    [DataRow("Development", "--url localhost:5080")]
    [DataRow("Development", "--users 10")]
    public async Task Demo_WrongEnvironmentOrCommandLine_IsRefusedWithExitCodeTwo(string environment, string options)
    {
        var (code, output, error) = await RunAsync(environment, options.Split(' '));

        Assert.AreEqual(2, code);
        Assert.AreEqual("", output);
        StringAssert.StartsWith(error, "demo: ");
        Assert.AreEqual(1, error.Trim().Split('\n').Length);
    }

    [TestMethod]
    public async Task Demo_AsTheApiCommand_StartsNoServerOfItsOwn_AndFailsWithoutAStackTrace()
    {
        var port = AzuriteInstance.FreePort();
        var dll = Path.Combine(AzuriteSettings.Load().RepositoryRoot, "Api", "bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name,
            "net10.0", "Orleans.Bcp.Api.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var argument in new[] { dll, "demo", "--url", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.AreEqual(1, process.ExitCode);
        Assert.AreEqual("", await stdout, "no host started: nothing listens, nothing is logged");
        var error = await stderr;
        StringAssert.StartsWith(error, "demo: no server answers at");
        Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
        Assert.DoesNotContain("Exception", error);
    }

    private static int Expected(string type) => type switch
    {
        EntityTypes.Dispositions => DemoSeeder.Size.Dispositions,
        EntityTypes.HoursOfOperation => DemoSeeder.Size.HoursOfOperation,
        EntityTypes.Skills => DemoSeeder.Size.Skills,
        EntityTypes.Roles => DemoSeeder.Size.Roles,
        EntityTypes.Teams => DemoSeeder.Size.Teams,
        EntityTypes.Files => DemoSeeder.Size.Files,
        EntityTypes.Scripts => DemoSeeder.Size.Scripts,
        EntityTypes.Users => DemoSeeder.Size.Users,
        EntityTypes.AgentSettings => DemoSeeder.Size.AgentSettings,
        EntityTypes.PointsOfContact => DemoSeeder.Size.VoicePointsOfContact + DemoSeeder.Size.OtherPointsOfContact,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The values the report prints at the start of its lines: pair, passkey, primary, bcp, admin (and his username), number.</summary>
    private static Dictionary<string, string> Printed(string output)
    {
        var values = Regex.Matches(output, @"^  (pair|passkey|primary|bcp|admin|number) +(\S+)", RegexOptions.Multiline)
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
        values["username"] = Regex.Match(output, @"^  admin .*Ichabod Crane, (\S+) ", RegexOptions.Multiline).Groups[1].Value;
        Assert.HasCount(7, values, output);
        return values;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string environment, params string[] options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            Args = [$"--Auth:DevelopmentSigningKey={ApiHost.SigningKey}"],
        });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DemoCommand.RunAsync(builder, ["demo", .. options], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
