using Orleans.Storage;

namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// Grain state as readable JSON (System.Text.Json, <see cref="StateSerializer"/>'s shape) instead of
/// Orleans' default Newtonsoft JSON with <c>$type</c>: a renamed class still reads its stored state.
/// </summary>
public sealed class TextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(StateSerializer.Serialize(input));

    public T Deserialize<T>(BinaryData input) => StateSerializer.Deserialize<T>(input.ToMemory());
}
