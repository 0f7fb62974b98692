using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>A valid row of a bulk upload with the user it names, as read while checking it (its ETag makes the write conditional).</summary>
internal sealed record BcpTypeTarget(BcpTypeRow Row, EntityDocument User);
