namespace Orleans.Bcp.Grains.Pairs;

/// <summary>Brute-force protection of the switch (spec §3.2): 5 wrong passkeys in 15 minutes lock it for 15 minutes.</summary>
internal static class LockoutPolicy
{
    public const int Threshold = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}
