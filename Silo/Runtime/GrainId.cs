namespace Orleans.Bcp.Silo.Runtime;

/// <summary>The address of a grain: its interface and its key.</summary>
public readonly record struct GrainId(Type Interface, string Key)
{
    public override string ToString() => $"{Interface.Name}/{Key}";
}
