namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>stores</c>: the BCP region's store and the control store (pair state, audit, correlations) must answer → fail
/// otherwise. The primary region's store is listed too, but a primary that is down is what the switch is for.
/// </summary>
public static class StoresCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.Stores;
        var items = inputs.Stores.Select(store => new ReadinessItem(null, null, null, store.Name, store.Role,
            store.Reachable ? $"the {store.Role} store answers" : store.Failure!)).ToList();
        var needed = inputs.Stores.Where(store => store.Role != "primary" && !store.Reachable).ToList();
        if (needed.Count > 0)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Fail, $"{string.Join("; ", needed.Select(store => store.Failure))}: the BCP side cannot serve without it.", items);
        }

        var primary = inputs.Stores.FirstOrDefault(store => store.Role == "primary");
        return ReadinessCheck.Of(Id, ReadinessStatus.Pass,
            primary is { Reachable: false } ? "The BCP region's store and the control store answer; the primary region's store does not." : "The BCP region's store and the control store answer.",
            items);
    }
}
