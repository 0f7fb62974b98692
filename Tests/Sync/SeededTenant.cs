namespace Orleans.Bcp.Tests.Sync;

/// <summary>The primary ids a <see cref="SyncFixture"/> wrote, by type; plus the ids its scripts quote.</summary>
public sealed record SeededTenant(IReadOnlyDictionary<string, IReadOnlyList<string>> Ids, string QuotedSkill, string QuotedContact, string QuotedUser, string SubstringOnlySkill)
{
    public string First(string type) => Ids[type][0];
}
