using Orleans.Bcp.Grains.Runtime;

namespace Orleans.Bcp.Silo.Runtime;

internal sealed record GrainContext(string Key) : IGrainContext;
