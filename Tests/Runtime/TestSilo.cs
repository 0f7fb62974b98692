using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Silo.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Runtime;

/// <summary>A silo without HTTP: the real runtime and store wiring, plus the counter test grain.</summary>
public sealed class TestSilo : IDisposable
{
    private readonly ServiceProvider _services;

    public TestSilo(string sqlitePath, TimeProvider time, CounterProbe probe, TimeSpan? idleTimeout = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "sqlite",
            ["Storage:Default:Path"] = sqlitePath,
            ["Silo:Grains:IdleTimeout"] = (idleTimeout ?? TimeSpan.FromMinutes(10)).ToString(),
            ["Silo:Grains:CollectionInterval"] = TimeSpan.FromSeconds(10).ToString(),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(time)
            .AddSingleton(probe)
            .AddLogging();
        services.AddBcpSilo().AddGrain<ICounterGrain, CounterGrain>();
        _services = services.BuildServiceProvider();
    }

    public GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();

    public IObjectStore Store => _services.GetRequiredService<IObjectStoreProvider>().Get("control");

    public void Dispose() => _services.Dispose();
}
