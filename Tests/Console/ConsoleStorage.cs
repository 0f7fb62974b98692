namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>What <see cref="ConsoleBrowser.StoredAsync"/> answers when the page keeps nothing in the browser.</summary>
public static class ConsoleStorage
{
    public const string Empty = """{"local":[],"session":[],"cookie":"","indexedDb":[]} cookies: 0""";
}
