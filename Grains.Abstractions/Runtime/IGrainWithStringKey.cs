namespace Orleans.Bcp.Grains.Abstractions.Runtime;

/// <summary>Marks a grain interface whose grains are addressed by a string key.</summary>
public interface IGrainWithStringKey;
