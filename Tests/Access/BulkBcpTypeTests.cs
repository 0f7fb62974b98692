using System.Diagnostics;
using System.Net;
using System.Text;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Access;

/// <summary>The CSV bulk upload of BCP types (docs/api.md): 1,000 rows in one request, all or nothing.</summary>
[TestClass]
public sealed class BulkBcpTypeTests
{
    private static readonly string[] Types = ["none", "single", "multiple"];

    private static AccessFixture _fixture = null!;
    private static IReadOnlyList<SeededUser> _users = null!;
    private static string _otherTenantsUsername = null!;

    private static string Primary => _fixture.Primary;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _fixture = await AccessFixture.StartAsync();
        _users = await _fixture.SeedUsersAsync(Primary, 1000, "agent");
        _otherTenantsUsername = ConfigSamples.UniqueUsername("elsewhere");
        await ConfigClient.CreateIdAsync(_fixture.OtherAdmin, _fixture.OtherTenant, "users", new { username = _otherTenantsUsername });
    }

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    // Alone: it bounds the upload's time (10 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Upload_1000ValidRows_AppliesEveryRowInOneRequest()
    {
        var before = await Task.WhenAll(_users.Select(user => _fixture.BcpTypeOfAsync(Primary, user.Id)));
        var wanted = _users.Select((user, i) => (user.Username, Types[(i + 1) % 3])).ToList();
        var expectedChanges = wanted.Where((row, i) => before[i] != row.Item2).Count();
        var auditBefore = (await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId)).Count;

        var clock = Stopwatch.StartNew();
        var response = await AccessClient.UploadAsync(_fixture.Admin, Primary, AccessClient.Csv(wanted));
        clock.Stop();

        var result = await AccessClient.ReadOkAsync(response);
        Assert.AreEqual(expectedChanges, result.GetProperty("applied").GetInt32());
        Assert.AreEqual(1000 - expectedChanges, result.GetProperty("unchanged").GetInt32());
        Assert.AreEqual(0, result.GetProperty("skipped").GetArrayLength());
        var after = await Task.WhenAll(_users.Select(user => _fixture.BcpTypeOfAsync(Primary, user.Id)));
        CollectionAssert.AreEqual(wanted.Select(row => row.Item2).ToArray(), after);
        Assert.IsLessThan(TimeSpan.FromSeconds(10), clock.Elapsed, "1,000 rows in one request");

        var audit = await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId);
        Assert.AreEqual(auditBefore + 1, audit.Count, "one entry for the whole upload");
        var entry = audit[0];
        Assert.AreEqual(("bcp-type-bulk", "applied", "access-admin", Primary), (entry.Action, entry.Outcome, entry.ActorUserId, entry.ActorTenantId));
        Assert.AreEqual(1000, entry.Details["rows"]!.GetValue<int>());
        Assert.AreEqual(expectedChanges, entry.Details["changed"]!.GetValue<int>());
        Assert.AreEqual((333, 334, 333), (entry.Details["none"]!.GetValue<int>(), entry.Details["single"]!.GetValue<int>(), entry.Details["multiple"]!.GetValue<int>()));
    }

    [TestMethod]
    public async Task Upload_SameFileTwice_RewritesNothingTheSecondTime()
    {
        var rows = _users.Take(50).Select(user => (user.Username, "multiple")).ToList();
        await AccessClient.ReadOkAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, AccessClient.Csv(rows)));
        var etags = await _fixture.UserETagsAsync(Primary);

        var result = await AccessClient.ReadOkAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, AccessClient.Csv(rows)));

        Assert.AreEqual((0, 50), (result.GetProperty("applied").GetInt32(), result.GetProperty("unchanged").GetInt32()));
        CollectionAssert.AreEqual(etags.ToList(), (await _fixture.UserETagsAsync(Primary)).ToList());
    }

    [TestMethod]
    [DataRow("unknown username", "nobody.{0}@classics.example,single", "unknown-username")]
    [DataRow("other tenant's user", "{other},single", "unknown-username")]
    [DataRow("bad type", "{user},sometimes", "bad-type")]
    [DataRow("type in upper case", "{user},Single", "bad-type")]
    [DataRow("duplicate", "{previous},single", "duplicate-username")]
    [DataRow("duplicate in another case", "{PREVIOUS},single", "duplicate-username")]
    [DataRow("formula", "=cmd()|' /C calc'!A0,single", "formula-cell")]
    [DataRow("formula after spaces", "  =1+1,single", "formula-cell")]
    [DataRow("formula in type", "{user},@SUM(A1)", "formula-cell")]
    [DataRow("plus", "+{user},single", "formula-cell")]
    [DataRow("minus", "-2+3,single", "formula-cell")]
    [DataRow("tab", "\t{user},single", "formula-cell")]
    [DataRow("missing column", "{user}", "missing-column")]
    [DataRow("extra column", "{user},single,yes", "extra-column")]
    [DataRow("empty username", ",single", "empty-cell")]
    [DataRow("empty type", "{user},", "empty-cell")]
    [DataRow("stray quote", "ab\"c{user},single", "malformed-quotes")]
    public async Task Upload_OneBadRowAmong1000_Returns400NamingItAndChangesNobody(string kind, string badRow, string error)
    {
        const int badIndex = 637;
        var rows = _users.Select(user => $"{user.Username},multiple").ToArray();
        rows[badIndex] = badRow
            .Replace("{0}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("{other}", _otherTenantsUsername, StringComparison.Ordinal)
            .Replace("{user}", _users[badIndex].Username, StringComparison.Ordinal)
            .Replace("{previous}", _users[badIndex - 1].Username, StringComparison.Ordinal)
            .Replace("{PREVIOUS}", _users[badIndex - 1].Username.ToUpperInvariant(), StringComparison.Ordinal);
        var csv = "username,bcpType\n" + string.Join("\n", rows) + "\n";
        var etags = await _fixture.UserETagsAsync(Primary);
        var audit = await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId);

        var invalid = await AccessClient.ReadInvalidRowsAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, csv));

        Assert.HasCount(1, invalid, $"{kind}: {string.Join("; ", invalid)}");
        Assert.AreEqual((badIndex + 2, error), (invalid[0].Line, invalid[0].Error), kind);
        CollectionAssert.AreEqual(etags.ToList(), (await _fixture.UserETagsAsync(Primary)).ToList(), $"{kind}: no user changed");
        Assert.HasCount(audit.Count, await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId), "a rejected file is not applied, so not audited");
    }

    [TestMethod]
    public async Task Upload_ManyBadRows_ListsEveryOneByItsLineInTheFile()
    {
        var (a, b, c) = (_users[0].Username, _users[1].Username, _users[2].Username);
        var csv = new StringBuilder()
            .Append("username,bcpType\r\n")                       // 1
            .Append($"{a},single\r\n")                            // 2
            .Append("\r\n")                                       // 3: empty lines are passed over
            .Append($"\"{b}\",\"mult\r\niple\"\r\n")              // 4-5: a quoted cell over two lines, bad type
            .Append("ghost@classics.example,none\r\n")            // 6
            .Append($"{a},none\r\n")                              // 7: a again
            .Append("=HYPERLINK(\"http://evil\"),none\r\n")       // 8
            .Append($"{c}\r\n")                                   // 9
            .ToString();

        var invalid = await AccessClient.ReadInvalidRowsAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, csv));

        CollectionAssert.AreEqual(
            new (int, string?, string)[]
            {
                (4, b, "bad-type"), (6, "ghost@classics.example", "unknown-username"), (7, a, "duplicate-username"),
                (8, null, "formula-cell"), (9, c, "missing-column"),
            },
            invalid.ToArray());
    }

    [TestMethod]
    [DataRow("user,type\n")]
    [DataRow("username\n")]
    [DataRow("username,bcpType,comment\n")]
    [DataRow("")]
    public async Task Upload_WrongHeader_Returns400AtLine1(string header)
    {
        var etags = await _fixture.UserETagsAsync(Primary);

        var invalid = await AccessClient.ReadInvalidRowsAsync(
            await AccessClient.UploadAsync(_fixture.Admin, Primary, header + $"{_users[0].Username},single\n"));

        Assert.AreEqual((1, "wrong-header"), (invalid.Single().Line, invalid.Single().Error));
        CollectionAssert.AreEqual(etags.ToList(), (await _fixture.UserETagsAsync(Primary)).ToList());
    }

    [TestMethod]
    public async Task Upload_HeaderInOtherCaseAndOrderWithBom_IsRead()
    {
        var user = _users[10];
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"BcpType,Username\r\nsingle,\"{user.Username.ToUpperInvariant()}\"\r\n")).ToArray();

        var result = await AccessClient.ReadOkAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, body, "text/csv; charset=utf-8"));

        Assert.AreEqual(1, result.GetProperty("applied").GetInt32() + result.GetProperty("unchanged").GetInt32());
        Assert.AreEqual("single", await _fixture.BcpTypeOfAsync(Primary, user.Id));
    }

    [TestMethod]
    public async Task Upload_1001Rows_Returns400TooManyRowsAndChangesNobody()
    {
        var rows = _users.Select(user => (user.Username, "single")).Append(("one.too.many@classics.example", "single"));
        var etags = await _fixture.UserETagsAsync(Primary);

        var response = await AccessClient.UploadAsync(_fixture.Admin, Primary, AccessClient.Csv(rows));

        Assert.AreEqual("/problems/too-many-rows", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.BadRequest));
        CollectionAssert.AreEqual(etags.ToList(), (await _fixture.UserETagsAsync(Primary)).ToList());
    }

    [TestMethod]
    [DataRow("application/json")]
    [DataRow("text/plain")]
    [DataRow("text/csv; charset=utf-16")]
    [DataRow(null)]
    public async Task Upload_NotCsv_Returns415Problem(string? contentType)
    {
        var response = await AccessClient.UploadAsync(_fixture.Admin, Primary, $"username,bcpType\n{_users[0].Username},single\n", contentType);

        Assert.AreEqual("/problems/unsupported-media-type", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [TestMethod]
    public async Task Upload_NotUtf8_Returns400()
    {
        var body = Encoding.UTF8.GetBytes($"username,bcpType\n{_users[0].Username},single\n").Append((byte)0xFF).ToArray();

        var problem = await BcpClient.ReadProblemAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, body), HttpStatusCode.BadRequest);

        Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString());
    }

    [TestMethod]
    public async Task Upload_BodyOverTheRaisedLimit_Returns413()
    {
        var csv = "username,bcpType\n" + new string('a', 600 * 1024) + ",single\n";

        var response = await AccessClient.UploadAsync(_fixture.Admin, Primary, csv);

        Assert.AreEqual("/problems/payload-too-large", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [TestMethod]
    public async Task Upload_BodyOverTheApiLimitButUnderTheRouteLimit_IsRead()
    {
        // 300 rows of 256-character usernames: ~78 KiB, over the 64 KiB the other routes accept.
        var rows = Enumerable.Range(0, 300).Select(i => ($"{i:D4}" + new string('x', 252), "single"));

        var invalid = await AccessClient.ReadInvalidRowsAsync(await AccessClient.UploadAsync(_fixture.Admin, Primary, AccessClient.Csv(rows)));

        Assert.HasCount(300, invalid);
        Assert.IsTrue(invalid.All(row => row.Error == "unknown-username"));
    }
}
