using System.Collections.Concurrent;
using System.Text.Json;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Judges every answer and groups what is wrong by (route, input kind, status), each group with one
/// request that reproduces it. Wrong: any 5xx; a 2xx to an input that must be refused; a 4xx that
/// is not a problem (application/problem+json), unless Kestrel refused malformed HTTP itself.
/// </summary>
public sealed class FuzzReport
{
    private const int MaxListed = 150;

    private readonly ConcurrentQueue<FuzzOutcome> _outcomes = new();

    public void Add(FuzzOutcome outcome) => _outcomes.Enqueue(outcome);

    public IReadOnlyList<string> Failures(int seed)
    {
        var groups = _outcomes
            .Select(outcome => (outcome, verdict: Verdict(outcome)))
            .Where(judged => judged.verdict is not null)
            .GroupBy(judged => (judged.verdict, judged.outcome.Case.Route, judged.outcome.Case.Kind, judged.outcome.Response.Status))
            .OrderBy(group => group.Key.verdict).ThenBy(group => group.Key.Route).ThenBy(group => group.Key.Kind)
            .Select(group =>
            {
                var first = group.First().outcome;
                var body = first.Error ?? RawRequest.Printable(first.Response.BodyText, 300);
                return $"{group.Key.verdict}: {group.Key.Route} [{group.Key.Kind}] → {group.Key.Status} ×{group.Count()} as {first.Case.Caller}; " +
                    $"replay BCP_FUZZ_SEED={seed} BCP_FUZZ_ONLY={first.Case.Index}; request: {first.Case.Request.Describe()}; answer: {first.Response.MediaType} {body}";
            })
            .ToList();
        return groups.Count <= MaxListed ? groups : [.. groups.Take(MaxListed), $"… and {groups.Count - MaxListed} more groups"];
    }

    /// <summary>Kestrel's bare 4xx answers (and closed connections) to malformed HTTP, by kind: acceptable, but named.</summary>
    public IReadOnlyList<string> ProtocolRefusals() =>
        [.. _outcomes
            .Where(outcome => outcome.Case.ProtocolLevel && (outcome.Response.Status == 0 || (outcome.Response.Status is >= 400 and < 500 && outcome.Response.IsBare)))
            .GroupBy(outcome => (Kind: KindFamily(outcome.Case.Kind), outcome.Response.Status))
            .OrderBy(group => group.Key.Kind)
            .Select(group => $"{(group.Key.Status == 0 ? "closed without answer" : $"bare {group.Key.Status}")} ×{group.Count()}: {group.Key.Kind}")];

    /// <summary>The cases in flight while the store was written (with parallel sending, one of them wrote).</summary>
    public IReadOnlyList<string> WrittenMeanwhile() =>
        [.. _outcomes.Where(outcome => outcome.StoreWrittenMeanwhile).OrderBy(outcome => outcome.Case.Index)
            .Select(outcome => $"#{outcome.Case.Index} {outcome.Case.Route} [{outcome.Case.Kind}] → {outcome.Response.Status}: {outcome.Case.Request.Describe()}")];

    public string Summary(int seed, TimeSpan elapsed)
    {
        var outcomes = _outcomes.ToList();
        var distinct = outcomes.Select(outcome => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(outcome.Case.Request.ToBytes("h")))).Distinct().Count();
        int Count(int from, int to) => outcomes.Count(outcome => outcome.Response.Status >= from && outcome.Response.Status < to);
        var problems = outcomes.Count(outcome => outcome.Response.Status is >= 400 and < 500 && outcome.Response.MediaType == "application/problem+json");
        var bare = outcomes.Count(outcome => outcome.Response.Status is >= 400 and < 500 && outcome.Response.IsBare);
        return $"hostile-input: seed {seed}; {outcomes.Count} cases, {distinct} distinct inputs, {elapsed.TotalSeconds:F1} s; " +
            $"2xx {Count(200, 300)}, 3xx {Count(300, 400)}, 4xx {Count(400, 500)} ({problems} problems, {bare} bare from Kestrel), " +
            $"5xx {Count(500, 600)}, no answer {Count(0, 1)}";
    }

    /// <summary>Why an outcome is wrong, or null when it is fine.</summary>
    private static string? Verdict(FuzzOutcome outcome)
    {
        var (@case, response) = (outcome.Case, outcome.Response);
        var status = response.Status;
        if (status >= 500)
        {
            return "5xx";
        }

        if (status == 0)
        {
            return @case.ProtocolLevel ? null : "no answer";
        }

        if (status is >= 200 and < 300)
        {
            return @case.Expect == Expectation.MustReject ? "accepted (must be refused)" : null;
        }

        if (status is < 400 or >= 500)
        {
            return "unexpected status";
        }

        if (response.MediaType == "application/problem+json")
        {
            return @case.Request.Method == "HEAD" || IsProblem(response) ? null : "problem body is not a problem";
        }

        return @case.ProtocolLevel && response.IsBare ? null : "4xx without a problem";
    }

    private static bool IsProblem(RawResponse response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) && value == response.Status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"path:pairId=nul" → "path:*=nul", "… +host-missing" → "(any) +host-missing": the same refusal on every route is one line.</summary>
    private static string KindFamily(string kind)
    {
        var decorated = kind.IndexOf(" +", StringComparison.Ordinal);
        if (decorated >= 0)
        {
            return "(any case)" + kind[decorated..];
        }

        var colon = kind.IndexOf(':');
        var equals = kind.IndexOf('=');
        return colon >= 0 && equals > colon ? kind[..(colon + 1)] + "*" + kind[equals..] : kind;
    }
}
