using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>
/// Every operation of the document, called without a token and without its permission: the 401 and
/// 403 it documents, as problems of our own types, and a 403 that names the missing permission —
/// which also holds x-permissions to what the server enforces.
/// </summary>
[TestClass]
public sealed class AuthorizationContractTests
{
    private const string SomeId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task EveryOperation_WithoutToken_Answers401OrIsOpen()
    {
        var anonymous = _fixture.WithToken(null);
        foreach (var (operation, permissions) in Operations())
        {
            var response = await SendAsync(anonymous, operation);
            if (permissions is null)
            {
                Assert.AreNotEqual(HttpStatusCode.Unauthorized, response.StatusCode, $"{operation} needs no token");
            }
            else
            {
                await ContractFixture.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
                Assert.IsTrue(response.Headers.WwwAuthenticate.Count > 0, $"{operation}: WWW-Authenticate");
            }
        }
    }

    [TestMethod]
    public async Task EveryOperation_WithoutItsPermission_Answers403NamingIt()
    {
        var powerless = _fixture.Client(_fixture.Pair.PrimaryTenantId, "nobody");
        foreach (var (operation, permissions) in Operations().Where(entry => entry.Permissions is { Count: > 0 }))
        {
            var problem = await ContractFixture.ProblemAsync(await SendAsync(powerless, operation), HttpStatusCode.Forbidden, "permission-required");
            Assert.AreEqual(permissions![0], problem["permission"]!.GetValue<string>(), operation.ToString());
            foreach (var permission in permissions)
            {
                StringAssert.Contains(problem["detail"]!.GetValue<string>(), permission, operation.ToString());
            }
        }
    }

    [TestMethod]
    public async Task PermissionOperations_WithItsPermission_AreNotRefused()
    {
        foreach (var (operation, permissions) in Operations().Where(entry => entry.Permissions is { Count: > 0 }))
        {
            foreach (var permission in permissions!)
            {
                var allowed = _fixture.Client(_fixture.Pair.PrimaryTenantId, "allowed", permission);
                var response = await SendAsync(allowed, operation);
                Assert.AreNotEqual(HttpStatusCode.Unauthorized, response.StatusCode, $"{operation} with {permission}");
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    var type = (await ContractFixture.ReadAsync(response, HttpStatusCode.Forbidden))["type"]!.GetValue<string>();
                    Assert.AreNotEqual("/problems/permission-required", type, $"{operation} with {permission}");
                }
            }
        }
    }

    [TestMethod]
    public async Task TokenWithoutTenant_IsForbiddenAsDocumented()
    {
        var options = new AuthOptions();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "login-service"), new Claim(Permissions.ClaimType, Permissions.LoginRead)]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKeys.FromBase64(ApiHost.SigningKey), SecurityAlgorithms.HmacSha256),
        });
        var problem = await ContractFixture.ProblemAsync(await _fixture.WithToken(token).GetAsync("/login/options?username=a"), HttpStatusCode.Forbidden, "forbidden");
        StringAssert.Contains(problem["detail"]!.GetValue<string>(), "tenant");
    }

    /// <summary>Each documented operation with its permissions (null: no token needed), from the document itself.</summary>
    private static IEnumerable<(DocumentedOperation Operation, IReadOnlyList<string>? Permissions)> Operations()
    {
        var document = ApiDocument.Committed();
        foreach (var operation in _fixture.Validator.Operations)
        {
            var node = document["paths"]![operation.Template]![operation.Method.ToLowerInvariant()]!;
            var open = node["security"]!.AsArray().Count == 0;
            yield return (operation, open ? null : [.. node["x-permissions"]!.AsArray().Select(permission => permission!.GetValue<string>())]);
        }
    }

    /// <summary>The operation's path with made-up ids, and a body of the kind it reads: authorization comes first.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, DocumentedOperation operation)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(operation.Template, "\\{[^}]+\\}", SomeId);
        HttpContent? body = operation.Method is "POST" or "PUT" ? ContractFixture.Json(new JsonObject()) : null;
        return ContractFixture.SendAsync(client, new HttpMethod(operation.Method), path, body);
    }
}
