using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>One configuration entity of a tenant, as stored: its fields as JSON, and its ETag.</summary>
/// <param name="Type">The entity type (URL segment, e.g. "users").</param>
/// <param name="Id">The entity's id in its tenant.</param>
/// <param name="Data">The entity's fields (without the id).</param>
/// <param name="ETag">The version that a conditional write must present.</param>
public sealed record EntityDocument(string Type, string Id, JsonObject Data, string ETag);
