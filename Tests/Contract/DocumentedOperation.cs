namespace Orleans.Bcp.Tests.Contract;

/// <summary>An operation of the API document: its method, path template (as in <c>paths</c>), id and tags.</summary>
public sealed record DocumentedOperation(string Method, string Template, string OperationId, IReadOnlyList<string> Tags)
{
    public override string ToString() => $"{OperationId} ({Method} {Template})";
}
