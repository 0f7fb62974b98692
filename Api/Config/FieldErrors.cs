using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Config;

/// <summary>Every problem found in a body, by field, so a client can fix them all at once.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public ProblemHttpResult ToProblem() =>
        Problem.Invalid(_errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal));
}
