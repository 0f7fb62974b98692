namespace Orleans.Bcp.Api.Sync;

/// <summary>One correlation as the API shows it; <c>synced</c> is false while a run only reserved the BCP id.</summary>
public sealed record CorrelationDocument(string Type, string PrimaryId, string BcpId, bool Synced, string? ContentHash);
