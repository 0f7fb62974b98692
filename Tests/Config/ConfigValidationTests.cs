using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>Bad bodies are 400 (shape) or 422 (references) problems that name the field, and write nothing.</summary>
[TestClass]
public sealed class ConfigValidationTests
{
    private static readonly TempFolder Folder = new();
    private static ConfigFixture _fixture = null!;
    private static Refs _refs = null!;
    private static string _otherTenantSkill = null!;

    private static HttpClient Admin => _fixture.AdminA;

    private static string Tenant => _fixture.TenantA;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _fixture = await ConfigFixture.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));
        _refs = new Refs(
            await ConfigClient.CreateIdAsync(Admin, Tenant, "skills", new { name = "English" }),
            await ConfigClient.CreateIdAsync(Admin, Tenant, "hours-of-operation", new { name = "Always" }),
            await ConfigClient.CreateIdAsync(Admin, Tenant, "scripts", new { name = "Main", content = "" }),
            await ConfigClient.CreateIdAsync(Admin, Tenant, "roles", new { name = "Agent" }),
            await ConfigClient.CreateIdAsync(Admin, Tenant, "teams", new { name = "Day" }),
            await ConfigClient.CreateIdAsync(Admin, Tenant, "users", new { username = ConfigSamples.UniqueUsername() }));
        _otherTenantSkill = await ConfigClient.CreateIdAsync(_fixture.AdminB, _fixture.TenantB, "skills", new { name = "English" });
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _fixture.DisposeAsync();
        Folder.Dispose();
    }

    public static IEnumerable<object[]> BadBodies() =>
    [
        ["malformed JSON", "skills", """{"name": "X", """, "$"],
        ["array", "skills", "[1, 2]", "$"],
        ["string", "skills", "\"skill\"", "$"],
        ["null", "skills", "null", "$"],
        ["empty", "skills", "", "$"],
        ["trailing garbage", "skills", """{"name": "X"} x""", "$"],
        ["duplicate property", "skills", """{"name": "a", "name": "b"}""", "$"],
        ["lone surrogate", "skills", """{"name": "a\ud800"}""", "$"],
        ["lone surrogate in an extra field", "skills", """{"name": "a", "note": {"x": "\udc00"}}""", "$"],
        ["deep nesting", "skills", """{"name": "a", "x": """ + new string('[', 40) + new string(']', 40) + "}", "$"],
        ["client id", "skills", """{"id": "abc", "name": "X"}""", "id"],
        ["missing name", "skills", "{}", "name"],
        ["null name", "teams", """{"name": null}""", "name"],
        ["number name", "dispositions", """{"name": 42}""", "name"],
        ["blank name", "files", """{"name": "   "}""", "name"],
        ["long name", "hours-of-operation", $$"""{"name": "{{new string('x', 201)}}"}""", "name"],
        ["control character in name", "skills", """{"name": "a\u0007b"}""", "name"],
        ["script without content", "scripts", """{"name": "s"}""", "content"],
        ["script content number", "scripts", """{"name": "s", "content": 1}""", "content"],
        ["permissions not an array", "roles", """{"name": "r", "permissions": "all"}""", "permissions"],
        ["permission not a string", "roles", """{"name": "r", "permissions": ["a", 1]}""", "permissions[1]"],
        ["missing username", "users", """{"firstName": "Ichabod"}""", "username"],
        ["long username", "users", $$"""{"username": "{{new string('u', 257)}}"}""", "username"],
        ["control character in username", "users", """{"username": "ich\tabod"}""", "username"],
        ["unknown bcpType", "users", """{"username": "x1", "bcpType": "all"}""", "bcpType"],
        ["bcpType in capitals", "users", """{"username": "x2", "bcpType": "Single"}""", "bcpType"],
        ["roleId number", "users", """{"username": "x3", "roleId": 7}""", "roleId"],
        ["empty teamId", "users", """{"username": "x4", "teamId": ""}""", "teamId"],
        ["firstName number", "users", """{"username": "x5", "firstName": 1}""", "firstName"],
        ["agent settings without user", "agent-settings", """{"skillIds": []}""", "userId"],
        ["skillIds not an array", "agent-settings", """{"userId": "u", "skillIds": "s"}""", "skillIds"],
        ["skill id number", "agent-settings", """{"userId": "u", "skillIds": [1]}""", "skillIds[0]"],
        ["missing channel", "points-of-contact", """{"name": "p", "address": "+14155550100"}""", "channel"],
        ["unknown channel", "points-of-contact", """{"name": "p", "channel": "fax", "address": "+14155550100"}""", "channel"],
        ["missing address", "points-of-contact", """{"name": "p", "channel": "voice"}""", "address"],
        ["voice address not a number", "points-of-contact", """{"name": "p", "channel": "voice", "address": "call me"}""", "address"],
        ["voice address without plus", "points-of-contact", """{"name": "p", "channel": "voice", "address": "4155550100"}""", "address"],
        ["voice address starting with 0", "points-of-contact", """{"name": "p", "channel": "voice", "address": "+04155550100"}""", "address"],
        ["voice address of 16 digits", "points-of-contact", """{"name": "p", "channel": "voice", "address": "+1234567890123456"}""", "address"],
        ["email address without @", "points-of-contact", """{"name": "p", "channel": "email", "address": "support.example"}""", "address"],
        ["blank sms address", "points-of-contact", """{"name": "p", "channel": "sms", "address": " "}""", "address"],
        ["active not a boolean", "points-of-contact", """{"name": "p", "channel": "chat", "address": "w", "active": "yes"}""", "active"],
        ["skillId as array", "points-of-contact", """{"name": "p", "channel": "chat", "address": "w", "skillId": ["a"]}""", "skillId"],
    ];

    [TestMethod]
    [DynamicData(nameof(BadBodies))]
    public async Task Create_BadBody_Returns400NamingTheFieldAndWritesNothing(string why, string type, string body, string field)
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.SendAsync(Admin, HttpMethod.Post, $"/tenants/{Tenant}/{type}", body);

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString(), why);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{why}: {problem}");
        Assert.IsGreaterThan(0, messages.GetArrayLength());
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Replace_WrongFieldType_Returns400AndChangesNothing()
    {
        var created = await ConfigClient.CreateAsync(Admin, Tenant, "skills", new { name = "Spanish" });
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.PutAsync(Admin, Tenant, "skills", created.Id, """{"name": ["Spanish"]}""", created.ETag);

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Create_InvalidUtf8_Returns400AndWritesNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        var content = new ByteArrayContent([.. """{"name":" """u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Admin.PostAsync($"/tenants/{Tenant}/skills", content);

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Create_WrongContentTypeOrOversizeBody_Returns415Or413()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var textPlain = await Admin.PostAsync($"/tenants/{Tenant}/skills", new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "text/plain"));
        var oversize = await ConfigClient.PostAsync(Admin, Tenant, "skills", new { name = "x", note = new string('x', 100_000) });

        await BcpClient.ReadProblemAsync(textPlain, HttpStatusCode.UnsupportedMediaType);
        await BcpClient.ReadProblemAsync(oversize, HttpStatusCode.RequestEntityTooLarge);
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Create_ScriptOfOneMebibyte_IsStoredAndOneByteMoreIs400()
    {
        var content = new string('a', 1024 * 1024 - 2) + "é";

        var script = await ConfigClient.CreateAsync(Admin, Tenant, "scripts", new { name = "Big", content });
        var tooBig = await ConfigClient.PostAsync(Admin, Tenant, "scripts", new { name = "Too big", content = content + "a" });

        Assert.AreEqual(content, (await ConfigClient.GetAsync(Admin, Tenant, "scripts", script.Id)).Text("content"));
        var problem = await BcpClient.ReadProblemAsync(tooBig, HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("content", out _), problem.ToString());
    }

    public static IEnumerable<object[]> MissingReferences() =>
    [
        ["unknown role", "users", """{"username": "%U%", "roleId": "0123456789abcdef0123456789abcdef"}""", "roleId"],
        ["skill id as team id", "users", """{"username": "%U%", "teamId": "%SKILL%"}""", "teamId"],
        ["other tenant's skill", "agent-settings", """{"userId": "%USER%", "skillIds": ["%SKILL%", "%OTHER%"]}""", "skillIds[1]"],
        ["unknown user", "agent-settings", """{"userId": "nobody"}""", "userId"],
        ["malformed script id", "points-of-contact", """{"name": "p", "channel": "voice", "address": "+14155550100", "scriptId": "../etc"}""", "scriptId"],
        ["other tenant's skill on a contact", "points-of-contact", """{"name": "p", "channel": "voice", "address": "+14155550100", "skillId": "%OTHER%"}""", "skillId"],
    ];

    [TestMethod]
    [DynamicData(nameof(MissingReferences))]
    public async Task Create_ReferenceToMissingOrOtherTenantEntity_Returns422AndWritesNothing(string why, string type, string body, string field)
    {
        body = body.Replace("%U%", ConfigSamples.UniqueUsername(), StringComparison.Ordinal)
            .Replace("%SKILL%", _refs.Skill, StringComparison.Ordinal)
            .Replace("%USER%", _refs.User, StringComparison.Ordinal)
            .Replace("%OTHER%", _otherTenantSkill, StringComparison.Ordinal);
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.SendAsync(Admin, HttpMethod.Post, $"/tenants/{Tenant}/{type}", body);

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.AreEqual("/problems/reference-not-found", problem.GetProperty("type").GetString(), why);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: {problem}");
        var reference = problem.GetProperty("references").EnumerateArray().Single();
        Assert.AreEqual(field, reference.GetProperty("field").GetString());
        Assert.IsTrue(body.Contains(reference.GetProperty("id").GetString()!, StringComparison.Ordinal), problem.ToString());
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Replace_ReferenceToOtherTenantEntity_Returns422AndChangesNothing()
    {
        var settings = await ConfigClient.CreateAsync(Admin, Tenant, "agent-settings", new { userId = _refs.User, skillIds = new[] { _refs.Skill } });
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.PutAsync(Admin, Tenant, "agent-settings", settings.Id, new { userId = _refs.User, skillIds = new[] { _otherTenantSkill } });

        Assert.AreEqual("/problems/reference-not-found", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.UnprocessableEntity));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Create_EveryReferenceOfAContact_IsStored()
    {
        var contact = await ConfigClient.CreateAsync(Admin, Tenant, "points-of-contact", new
        {
            name = "Support", channel = "voice", address = "+4930123456", skillId = _refs.Skill, hoursOfOperationId = _refs.Hours, scriptId = _refs.Script,
        });

        Assert.AreEqual((_refs.Skill, _refs.Hours, _refs.Script), (contact.Text("skillId"), contact.Text("hoursOfOperationId"), contact.Text("scriptId")));
        var user = await ConfigClient.CreateAsync(Admin, Tenant, "users", new { username = ConfigSamples.UniqueUsername(), roleId = _refs.Role, teamId = _refs.Team, roleNote = (string?)null });
        Assert.AreEqual((_refs.Role, _refs.Team), (user.Text("roleId"), user.Text("teamId")));
    }

    [TestMethod]
    [DataRow("+1 (415) 555-0123", "+14155550123")]
    [DataRow("+49 30 1234-5678", "+493012345678")]
    [DataRow(" +44 20 7946 0958 ", "+442079460958")]
    public async Task Create_VoiceContact_StoresAddressInE164(string typed, string stored)
    {
        var contact = await ConfigClient.CreateAsync(Admin, Tenant, "points-of-contact", new { name = "Main", channel = "voice", address = typed });

        Assert.AreEqual(stored, contact.Text("address"));
        Assert.AreEqual(stored, (await ConfigClient.GetAsync(Admin, Tenant, "points-of-contact", contact.Id)).Text("address"));
        Assert.IsTrue(contact.Body["active"]!.GetValue<bool>(), "active defaults to true");
    }

    [TestMethod]
    [DataRow("email", "support@classics.example")]
    [DataRow("chat", "web-widget-1")]
    [DataRow("sms", "+1 415 555 0199")]
    public async Task Create_NonVoiceContact_StoresAddressAsSent(string channel, string address)
    {
        var contact = await ConfigClient.CreateAsync(Admin, Tenant, "points-of-contact", new { name = "Other", channel, address, active = false });

        Assert.AreEqual((channel, address, false), (contact.Text("channel"), contact.Text("address"), contact.Body["active"]!.GetValue<bool>()));
    }

    [TestMethod]
    public async Task Create_UserWithoutBcpType_StoresNoneAndTrimsUsername()
    {
        var username = ConfigSamples.UniqueUsername();

        var user = await ConfigClient.CreateAsync(Admin, Tenant, "users", new { username = $"  {username} ", firstName = " Ichabod " });

        Assert.AreEqual((username, "Ichabod", "none"), (user.Text("username"), user.Text("firstName"), user.Text("bcpType")));
    }

    [TestMethod]
    public async Task BcpType_ChangedWithoutAccessEdit_Returns403AndLeftOutIsKept()
    {
        var username = ConfigSamples.UniqueUsername();
        using var accessAdmin = _fixture.Host.ClientFor(Tenant, "access-admin", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        var denied = await ConfigClient.PostAsync(Admin, Tenant, "users", new { username, bcpType = "single" });
        Assert.AreEqual("/problems/permission-required", await ConfigClient.ProblemTypeAsync(denied, HttpStatusCode.Forbidden));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));

        var user = await ConfigClient.CreateAsync(accessAdmin, Tenant, "users", new { username, bcpType = "single" });
        var edited = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(Admin, Tenant, "users", user.Id, new { username, firstName = "Ichabod" }), HttpStatusCode.OK);
        var sameAgain = await ConfigClient.PutAsync(Admin, Tenant, "users", user.Id, new { username, bcpType = "single" });
        var changed = await ConfigClient.PutAsync(Admin, Tenant, "users", user.Id, new { username, bcpType = "multiple" });

        Assert.AreEqual("single", edited.Text("bcpType"));
        Assert.AreEqual(HttpStatusCode.OK, sameAgain.StatusCode);
        Assert.AreEqual("/problems/permission-required", await ConfigClient.ProblemTypeAsync(changed, HttpStatusCode.Forbidden));
        Assert.AreEqual("single", (await ConfigClient.GetAsync(Admin, Tenant, "users", user.Id)).Text("bcpType"));
    }

    [TestMethod]
    public async Task Replace_BodyWithItsOwnId_IsAcceptedAndAnotherIdIs400()
    {
        var skill = await ConfigClient.CreateAsync(Admin, Tenant, "skills", new { name = "French" });
        var body = skill.Body.DeepClone().AsObject();
        body["name"] = "French (CA)";

        var sameId = await ConfigClient.ReadEntityAsync(await ConfigClient.PutAsync(Admin, Tenant, "skills", skill.Id, body.ToJsonString()), HttpStatusCode.OK);
        body["id"] = _refs.Skill;
        var otherId = await ConfigClient.PutAsync(Admin, Tenant, "skills", skill.Id, body.ToJsonString());

        Assert.AreEqual("French (CA)", sameId.Text("name"));
        var problem = await BcpClient.ReadProblemAsync(otherId, HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("\"unterminated")]
    public async Task Replace_MalformedIfMatch_Returns400(string ifMatch)
    {
        var response = await ConfigClient.PutAsync(Admin, Tenant, "skills", _refs.Skill, new { name = "English" }, ifMatch);

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestMethod]
    [DataRow("pageSize=0")]
    [DataRow("pageSize=1001")]
    [DataRow("pageSize=abc")]
    [DataRow("pageSize=-1")]
    [DataRow("continuationToken=%21%21%21")]
    public async Task List_BadPaging_Returns400(string query)
    {
        var problem = await BcpClient.ReadProblemAsync(await Admin.GetAsync($"/tenants/{Tenant}/skills?{query}"), HttpStatusCode.BadRequest);

        Assert.AreEqual(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
    }

    [TestMethod]
    public async Task BusinessUnitSettings_BadBody_Returns400AndWritesNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var array = await ConfigClient.SendAsync(Admin, HttpMethod.Put, $"/tenants/{Tenant}/business-unit-settings", "[]");
        var foreignId = await ConfigClient.SendAsync(Admin, HttpMethod.Put, $"/tenants/{Tenant}/business-unit-settings", """{"id": "x"}""");

        await BcpClient.ReadProblemAsync(array, HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(foreignId, HttpStatusCode.BadRequest);
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    private sealed record Refs(string Skill, string Hours, string Script, string Role, string Team, string User);
}
