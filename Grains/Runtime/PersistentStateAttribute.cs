namespace Orleans.Bcp.Grains.Runtime;

/// <summary>Names the state of a grain constructor parameter and the store it lives in.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName) : Attribute
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}
