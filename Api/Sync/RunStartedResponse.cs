namespace Orleans.Bcp.Api.Sync;

/// <summary>Body of a 202 from <c>POST /tenant-pairs/{pairId}/sync/runs</c>.</summary>
public sealed record RunStartedResponse(string RunId);
