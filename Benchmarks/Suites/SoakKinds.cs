namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The kinds of request the soak sends, as the report names them.</summary>
internal static class SoakKinds
{
    public const string Login = "GET /login/options";
    public const string Routing = "GET /routing/voice";
    public const string Status = "GET /tenant-pairs/{id}";
    public const string Create = "POST /tenants/{id}/{type}";
    public const string Update = "PUT /tenants/{id}/{type}/{id}";
    public const string SyncRun = "POST …/sync/runs";
    public const string Switch = "PUT …/active-side";

    public static readonly string[] All = [Login, Routing, Status, Create, Update, SyncRun, Switch];
}
