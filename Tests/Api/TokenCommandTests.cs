using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The <c>token</c> command: mints only in Development, and refuses what would mint a token that quietly lacks a permission.</summary>
[TestClass]
public sealed class TokenCommandTests
{
    [TestMethod]
    public void Token_KnownPermissions_PrintsATokenCarryingThem()
    {
        var (code, output, error) = Run("Development", "--tenant", "ops", "--user", "operator-1", "--perm", "bcp.setup", "--perm", "bcp.sync.edit");

        Assert.AreEqual(0, code, error);
        var token = new JsonWebToken(output.Trim());
        Assert.AreEqual(("operator-1", "ops"), (token.Subject, token.GetClaim(Permissions.TenantClaimType).Value));
        CollectionAssert.AreEquivalent(new[] { "bcp.setup", "bcp.sync.edit" }, token.Claims.Where(claim => claim.Type == Permissions.ClaimType).Select(claim => claim.Value).ToArray());
    }

    [TestMethod]
    public async Task Token_Minted_OpensTheApi()
    {
        var (code, output, _) = Run("Development", "--tenant", "ops", "--user", "operator-1", "--perm", "bcp.setup");
        Assert.AreEqual(0, code);
        using var folder = new TempFolder();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", output.Trim());

        var response = await client.PostAsJsonAsync("/tenants", new { name = "Classics Inc.", region = "us-east" });

        Assert.AreEqual(System.Net.HttpStatusCode.Created, response.StatusCode, "the host trusts the key the command signed with, and the permission is in");
    }

    [TestMethod]
    public void Token_MistypedPermission_IsRefusedNamingTheKnownOnes()
    {
        var (code, output, error) = Run("Development", "--tenant", "ops", "--user", "operator-1", "--perm", "bcp.stup");

        Assert.AreNotEqual(0, code);
        Assert.AreEqual("", output, "no token");
        StringAssert.Contains(error, "unknown permission 'bcp.stup'");
        foreach (var permission in Permissions.All)
        {
            StringAssert.Contains(error, permission);
        }

        Assert.AreEqual(1, error.Trim().Split('\n').Length, "one line");
    }

    [TestMethod]
    [DataRow("--hours", "soon")]
    [DataRow("--hours", "-1")]
    [DataRow("--colour", "blue")]
    [DataRow("--perm", null)]
    public void Token_BadOption_IsRefusedWithoutAStackTrace(string option, string? value)
    {
        string[] args = ["--tenant", "ops", "--user", "operator-1", option, .. value is null ? Array.Empty<string>() : [value]];

        var (code, output, error) = Run("Development", args);

        Assert.AreNotEqual(0, code);
        Assert.AreEqual("", output);
        StringAssert.StartsWith(error, "token: ");
        Assert.AreEqual(1, error.Trim().Split('\n').Length, "one line, no stack trace");
        Assert.DoesNotContain("Exception", error);
    }

    [TestMethod]
    public void Token_OutsideDevelopment_IsRefused()
    {
        var (code, output, error) = Run("Production", "--tenant", "ops", "--user", "operator-1", "--perm", "bcp.setup");

        Assert.AreNotEqual(0, code);
        Assert.AreEqual("", output);
        StringAssert.Contains(error, "Development");
    }

    private static (int Code, string Output, string Error) Run(string environment, params string[] options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            Args = [$"--Auth:DevelopmentSigningKey={ApiHost.SigningKey}"],
        });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TokenCommand.Run(builder, ["token", .. options], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
