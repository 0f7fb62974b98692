using System.Reflection;

namespace Orleans.Bcp.Silo.Runtime;

/// <summary>
/// A grain reference: every interface call becomes a message to the grain's activation.
/// (Orleans generates these at build time; a <see cref="DispatchProxy"/> does the same at run time.)
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainId _id;

    internal void Bind(GrainRuntime runtime, GrainId id)
    {
        _runtime = runtime;
        _id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _runtime!.Dispatch(_id, targetMethod!, args ?? []);
}
