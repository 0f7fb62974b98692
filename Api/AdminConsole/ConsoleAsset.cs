using Microsoft.Net.Http.Headers;

namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>One built file of the admin console, as it is served.</summary>
internal sealed record ConsoleAsset(string Path, byte[] Content, string ContentType, EntityTagHeaderValue ETag);
