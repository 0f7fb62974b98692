using Orleans.Configuration;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// The azure profile's failure detection, chosen for an outage product (docs/reliability.md, "Membership settings"):
/// calls to a grain on a silo that died fail until the cluster declares it dead, so a switch for those pairs waits
/// that long. Orleans' defaults (5 s probes, 3 missed, 2 votes) took 10-17 s here; these declare a killed node in
/// a few seconds while still needing two silos to agree (the prober and the silo it probes through), so one starved
/// silo cannot evict a healthy one.
/// <c>Cluster:Membership</c> overrides each value.
/// </summary>
public static class OutageMembership
{
    /// <summary>The first probe timeout and probe period (Orleans adapts it between half and four times this).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo votes: one direct, then one sent through another silo (an indirect probe).</summary>
    public const int NumMissedProbesLimit = 2;

    /// <summary>
    /// Votes to declare a silo dead: the prober's and the indirect probe's intermediary's, so a silo too busy to see
    /// answers cannot declare a healthy one dead alone (Orleans asks no more than half the active silos, rounded up).
    /// </summary>
    public const int NumVotesForDeathDeclaration = 2;

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.EnableIndirectProbes = true;
        // A silo that is itself starved lengthens its probe timeouts instead of suspecting others (Orleans' default, kept on purpose).
        options.ExtendProbeTimeoutDuringDegradation = true;
    }
}
