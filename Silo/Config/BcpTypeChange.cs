using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>The result of setting one user's BCP type.</summary>
/// <param name="Outcome">Whether the user was rewritten.</param>
/// <param name="User">The user as it is now; null when <see cref="BcpTypeOutcome.Gone"/>.</param>
/// <param name="From">The type the user had before.</param>
public sealed record BcpTypeChange(BcpTypeOutcome Outcome, EntityDocument? User, string From);
