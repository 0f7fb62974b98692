namespace Orleans.Bcp.Silo.Runtime;

/// <summary>Activation lifetime settings (section <c>Silo:Grains</c>).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);
}
