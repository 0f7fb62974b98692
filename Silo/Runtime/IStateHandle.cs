namespace Orleans.Bcp.Silo.Runtime;

/// <summary>The runtime's side of a grain state: loading it, and when it was loaded.</summary>
internal interface IStateHandle
{
    DateTimeOffset LoadedAt { get; }

    Task ReadStateAsync(CancellationToken cancellationToken);
}
