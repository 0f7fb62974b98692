namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// What one kind of request got over the soak: answers by status (0 = no answer from a live node: a
/// timeout or a dropped connection), requests lost with a killed node (not the product's failure), the
/// latencies of the 2xx, and the longest unavailability window. A window opens when a request of the
/// kind is answered 5xx or not at all by a live node, and closes with the first 2xx of a request sent
/// after it opened: it covers the time in which asking again would not have helped. 4xx answers
/// (a sync already running, a lost write race) are the product answering and leave the window alone.
/// </summary>
internal sealed class SoakKindStats(string kind)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<int, int> _byStatus = [];
    private readonly List<double> _latenciesMs = [];
    private readonly SortedDictionary<int, string> _examples = [];
    private readonly SortedDictionary<string, int> _byAnswer = new(StringComparer.Ordinal);
    private DateTimeOffset? _failingSince;

    public string Kind { get; } = kind;

    public int Requests { get; private set; }

    public int NodeDown { get; private set; }

    public TimeSpan LongestWindow { get; private set; }

    public DateTimeOffset? LongestWindowStart { get; private set; }

    /// <summary>A window still open when the load stopped (the kind never recovered).</summary>
    public bool OpenAtEnd { get; private set; }

    /// <summary>Non-2xx answers by status and problem type (<c>503 store-unavailable</c>), or "no answer".</summary>
    public IReadOnlyDictionary<string, int> NonSuccessByAnswer => _byAnswer;

    public IReadOnlyList<double> LatenciesMs => _latenciesMs;

    /// <summary>The first answer of each non-2xx status (its problem type tells what it was), shortened.</summary>
    public IReadOnlyDictionary<int, string> Examples => _examples;

    public int Succeeded => _byStatus.Where(entry => entry.Key is >= 200 and < 300).Sum(entry => entry.Value);

    public int Count(int status) => _byStatus.GetValueOrDefault(status);

    public void Record(int status, string? problemType, DateTimeOffset sentAt, DateTimeOffset answeredAt, double latencyMs, string body)
    {
        lock (_gate)
        {
            Requests++;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            if (status is < 200 or >= 300)
            {
                _examples.TryAdd(status, body.Length > 200 ? body[..200] : body);
                var answer = status == 0 ? "no answer" : problemType is null ? $"{status}" : $"{status} {problemType}";
                _byAnswer[answer] = _byAnswer.GetValueOrDefault(answer) + 1;
            }

            if (status is >= 200 and < 300)
            {
                _latenciesMs.Add(latencyMs);
                if (_failingSince is { } since && sentAt >= since)
                {
                    Close(since, answeredAt);
                }
            }
            else if (status is 0 or >= 500)
            {
                _failingSince ??= sentAt;
            }
        }
    }

    public void RecordNodeDown()
    {
        lock (_gate)
        {
            Requests++;
            NodeDown++;
        }
    }

    /// <summary>Closes a window still open at the end of the load, so it is reported at its length so far.</summary>
    public void Finish(DateTimeOffset endedAt)
    {
        lock (_gate)
        {
            if (_failingSince is { } since)
            {
                OpenAtEnd = true;
                Close(since, endedAt);
            }
        }
    }

    private void Close(DateTimeOffset since, DateTimeOffset until)
    {
        var window = until - since;
        if (window > LongestWindow)
        {
            LongestWindow = window;
            LongestWindowStart = since;
        }

        _failingSince = null;
    }
}
