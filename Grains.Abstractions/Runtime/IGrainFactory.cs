namespace Orleans.Bcp.Grains.Abstractions.Runtime;

/// <summary>Hands out references to grains; a reference is cheap and activates its grain on first call.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrain"/> with the given key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
}
