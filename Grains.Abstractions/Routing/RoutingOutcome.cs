namespace Orleans.Bcp.Grains.Abstractions.Routing;

/// <summary>Why a number does not route, or that it does.</summary>
[GenerateSerializer, Alias("bcp.RoutingOutcome")]
public enum RoutingOutcome
{
    /// <summary>It routes.</summary>
    Routed,
    /// <summary>No voice point of contact holds the number.</summary>
    PocUnknown,
    /// <summary>The point of contact that would take the call is inactive.</summary>
    PocInactive,
    /// <summary>The BCP side is active and the point of contact was never synced to it.</summary>
    PocNotInBcp,
}
