namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>Moves a batch of staged objects of one store name into the real store.</summary>
internal delegate Task ScaleSink(string storeName, List<(string Key, byte[] Data, string ETag)> objects, CancellationToken cancellationToken);
