namespace Orleans.Bcp.Grains.Runtime;

/// <summary>What a grain knows about its own identity.</summary>
public interface IGrainContext
{
    /// <summary>The grain's key.</summary>
    string Key { get; }
}
