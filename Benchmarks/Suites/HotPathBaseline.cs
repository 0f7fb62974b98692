using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The <c>--baseline-api</c> build in the hot-path rounds, loaded with the same pairs as the current one.</summary>
internal sealed record HotPathBaseline(ApiServer Api, List<HotPathPair> Pairs) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
