using Orleans.Bcp.Demo;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Sizes and durations of the hot-path suite, kept here rather than in <see cref="BenchmarkOptions"/> so
/// the shared options file only learns the suite's name.
/// </summary>
internal sealed record HotPathSettings(bool Quick)
{
    /// <summary>Pairs on the host: the issue asks for 100, whatever their size.</summary>
    public int Pairs => Quick ? 5 : 100;

    /// <summary>The first pair holds the full reference tenant (quick: 5% of it, still enough for a small herd).</summary>
    public ReferenceTenantSize LargeTenant => Quick ? ReferenceTenantSize.Reference.Scaled(0.05) : ReferenceTenantSize.Reference;

    /// <summary>
    /// The other pairs hold 2% of it (200 users, 6 voice numbers): 100 × 10,000 users (2.2 million
    /// entities and a million claims) would take the better part of an hour to write into SQLite here.
    /// </summary>
    public ReferenceTenantSize SmallTenant => ReferenceTenantSize.Reference.Scaled(0.02);

    /// <summary>SQLite takes one writer at a time; more concurrent writes only queue (see SyncSuite.LoadParallelism).</summary>
    public int LoadParallelism => 16;

    /// <summary>Users per pair of the in-process memory figure: the 10,000 (quick: 500).</summary>
    public int UsersPerPairForMemory => Quick ? 500 : 10_000;

    /// <summary>The in-process bound check: this many usernames kept under <see cref="BoundedLoginBytes"/>, which holds far fewer.</summary>
    public int BoundedLoginUsernames => Quick ? 30_000 : 300_000;

    public long BoundedLoginBytes => Quick ? 1024 * 1024 : 16 * 1024 * 1024;

    /// <summary>Usernames asked one at a time, not kept then kept, for what a miss costs.</summary>
    public int MissThenHitUsers => Quick ? 200 : 1_000;

    public int Connections => 32;

    public int Rounds => Quick ? 3 : 5;

    public TimeSpan Warmup => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(3);

    public TimeSpan RoundDuration => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    /// <summary>The open-loop run at half the measured maximum rate.</summary>
    public TimeSpan HalfRateDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    /// <summary>The herd: this many distinct usernames within <see cref="HerdWindow"/> of the switch.</summary>
    public int HerdUsers => Quick ? 500 : 10_000;

    public TimeSpan HerdWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
}
