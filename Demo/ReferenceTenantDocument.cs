using System.Text.Json.Nodes;

namespace Orleans.Bcp.Demo;

/// <summary>One entity of a generated tenant: its type (URL segment), its drawn id and its fields (references name drawn ids).</summary>
public sealed record ReferenceTenantDocument(string Type, string Id, JsonObject Data);
