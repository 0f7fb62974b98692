using Orleans.Bcp.Grains.Abstractions.Runtime;

namespace Orleans.Bcp.Tests.Runtime;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
