namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>The parts of a storage connection string the Blob store needs.</summary>
internal sealed class BlobConnectionString
{
    private BlobConnectionString(Uri blobEndpoint, string accountName, byte[] accountKey)
    {
        BlobEndpoint = blobEndpoint;
        AccountName = accountName;
        AccountKey = accountKey;
    }

    public Uri BlobEndpoint { get; }

    public string AccountName { get; }

    public byte[] AccountKey { get; }

    public static BlobConnectionString Parse(string connectionString)
    {
        var settings = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

        string? Find(string name) => settings.TryGetValue(name, out var value) ? value : null;
        string Require(string name) => Find(name) ?? throw new FormatException($"The storage connection string has no {name}.");

        var accountName = Require("AccountName");
        // Azurite and custom domains name the endpoint; Azure's public cloud derives it from the account.
        var endpoint = Find("BlobEndpoint")
            ?? $"{Find("DefaultEndpointsProtocol") ?? "https"}://{accountName}.blob.{Find("EndpointSuffix") ?? "core.windows.net"}";
        return new BlobConnectionString(new Uri(endpoint), accountName, Convert.FromBase64String(Require("AccountKey")));
    }
}
