namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Configuration section <c>Readiness</c>.</summary>
public sealed class ReadinessOptions
{
    /// <summary>How long a silo answers a pair's report without checking again (a poll every second costs one check per two seconds).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one read (a store listing, a grain call, a ping) may take before its check says it could not be read.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a switch waits for the pair's report (kept, or checked now) before it goes on without naming failing checks.</summary>
    public TimeSpan SwitchWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many checks a node runs at once. A switch starts a check only when one of these is free (else it goes on
    /// without naming failing checks), so a storm of switches does not bring a storm of checks to the stores.
    /// </summary>
    public int MaxChecksAtOnce { get; set; } = 4;
}
