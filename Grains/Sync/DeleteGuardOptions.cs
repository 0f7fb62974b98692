namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Section <c>Sync:DeleteGuard</c>: a run holds a type's deletes for an admin to release when they are more than
/// <see cref="MaxShare"/> of the type's BCP copies <em>and</em> more than <see cref="MaxCount"/> entities
/// (docs/sync.md, "Deletes need proof").
/// </summary>
public sealed class DeleteGuardOptions
{
    /// <summary>The share of a type's BCP copies one run may delete (0 to 1).</summary>
    public double MaxShare { get; set; } = 0.10;

    /// <summary>The number of a type's BCP copies one run may delete whatever the share.</summary>
    public int MaxCount { get; set; } = 20;
}
