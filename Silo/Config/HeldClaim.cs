namespace Orleans.Bcp.Silo.Config;

/// <summary>A claim a write holds on a unique value, whichever index made it, and the way to give it back.</summary>
internal sealed class HeldClaim(Func<Task<bool>> release)
{
    /// <summary>Gives the claim up if it is unchanged since it was made or read; false when it changed or is gone.</summary>
    public Task<bool> ReleaseAsync() => release();
}
