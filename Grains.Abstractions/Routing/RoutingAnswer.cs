namespace Orleans.Bcp.Grains.Abstractions.Routing;

/// <summary>A routing answer: the route, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("bcp.RoutingAnswer")]
public sealed record RoutingAnswer(RoutingOutcome Outcome, VoiceRoute? Route);
