using System.Globalization;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Sizes of the scale suite (<c>--users</c>, <c>--pairs</c>, <c>--storm</c>, <c>--rate</c>, <c>--budget-minutes</c>,
/// <c>--kept-bound-mb</c>); a flag left out takes the full size, or with <c>--quick</c> a smoke size.
/// </summary>
internal sealed record ScaleSettings
{
    /// <summary>The Api's setting that bounds the memory of kept logins, in bytes (docs/configuration.md), as an environment variable.</summary>
    public const string KeptBoundVariable = "KeptEntries__LoginMaxBytes";

    public bool Quick { get; init; }

    public int? UsersFlag { get; init; }

    public int? PairsFlag { get; init; }

    public int? StormFlag { get; init; }

    public double? RateFlag { get; init; }

    public int? BudgetMinutesFlag { get; init; }

    /// <summary>The bound on kept logins handed to every Api (<c>--kept-bound-mb</c>); none when left out.</summary>
    public int? KeptBoundMegabytes { get; init; }

    /// <summary>Embedded: users written straight into the store, spread evenly over <see cref="EmbeddedPairs"/>.</summary>
    public int EmbeddedUsers => UsersFlag ?? (Quick ? 2_000 : 1_000_000);

    public int EmbeddedPairs => PairsFlag ?? (Quick ? 20 : 5_000);

    /// <summary>The fixed rate of the cold login run (and of the login load during the cluster's storm when <c>--rate</c> is given).</summary>
    public double LoginRate => RateFlag ?? (Quick ? 500 : 5_000);

    public TimeSpan LoginDuration => Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(30);

    /// <summary>Embedded: pairs switched to BCP before the herd (a fifth of the pairs, at most 1,000).</summary>
    public int HerdPairs => Math.Max(1, Math.Min(EmbeddedPairs / 5, 1_000));

    /// <summary>Embedded: distinct logins of the switched pairs' users within <see cref="HerdWindow"/>.</summary>
    public int HerdLogins => Quick ? 300 : 100_000;

    public TimeSpan HerdWindow => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(60);

    /// <summary>Cluster: pairs made over HTTP.</summary>
    public int ClusterPairs => PairsFlag ?? (Quick ? 10 : 10_000);

    /// <summary>Cluster: the most users loaded; loading also stops at <see cref="LoadBudget"/>.</summary>
    public int ClusterUsers => UsersFlag ?? (Quick ? 200 : 20_000_000);

    public TimeSpan LoadBudget => TimeSpan.FromMinutes(BudgetMinutesFlag ?? (Quick ? 1 : 10));

    /// <summary>Cluster: pairs switched in the storm, within <see cref="StormWindow"/>, alternating the nodes.</summary>
    public int Storm => Math.Min(StormFlag ?? (Quick ? 10 : 4_000), ClusterPairs);

    public TimeSpan StormWindow => Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);

    /// <summary>Cluster: logins per second over both nodes while the storm runs.</summary>
    public double StormLoginRate => RateFlag ?? (Quick ? 50 : 200);

    /// <summary>Writes and HTTP calls in flight while loading (SQLite takes one writer at a time; Azurite is one Node process).</summary>
    public int LoadParallelism => 8;

    public int Connections => 32;

    /// <summary>Pairs whose generated users go into one SQLite transaction.</summary>
    public int PairsPerBatch => 50;

    /// <summary>Sync runs in flight at once over the cluster.</summary>
    public int SyncParallelism => 4;

    public static bool TryParseFlag(string[] args, ref int i, ScaleSettings current, out ScaleSettings next, out string? error)
    {
        next = current;
        error = null;
        var flag = args[i].ToLowerInvariant();
        if (flag is not ("--users" or "--pairs" or "--storm" or "--rate" or "--budget-minutes" or "--kept-bound-mb"))
        {
            return false;
        }

        if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 ||
            (flag != "--rate" && value != Math.Floor(value)) || value > int.MaxValue)
        {
            error = $"{flag} needs a positive {(flag == "--rate" ? "number" : "whole number")}";
            i++;
            return true;
        }

        i++;
        var whole = (int)value;
        next = flag switch
        {
            "--users" => current with { UsersFlag = whole },
            "--pairs" => current with { PairsFlag = whole },
            "--storm" => current with { StormFlag = whole },
            "--rate" => current with { RateFlag = value },
            "--budget-minutes" => current with { BudgetMinutesFlag = whole },
            _ => current with { KeptBoundMegabytes = whole },
        };
        return true;
    }

    /// <summary>The bound as the Api's environment, or nothing when no flag was given.</summary>
    public IReadOnlyDictionary<string, string> ApiSettings() =>
        KeptBoundMegabytes is { } megabytes
            ? new Dictionary<string, string> { [KeptBoundVariable] = (megabytes * 1_048_576L).ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string>();

    /// <summary>What the report says about the bound.</summary>
    public string KeptBoundNote => KeptBoundMegabytes is not { } mb
        ? "no bound on kept logins passed (--kept-bound-mb not given): the Api's default"
        : $"kept-logins bound {mb} MB passed as {KeptBoundVariable}";
}
