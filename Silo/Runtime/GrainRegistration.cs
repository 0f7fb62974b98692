namespace Orleans.Bcp.Silo.Runtime;

/// <summary>
/// Which class implements a grain interface, and how old its loaded state may be before a call
/// re-reads it. Another silo may have written the state; the bound keeps reads on every silo fresh.
/// </summary>
public sealed record GrainRegistration(Type Interface, Type Implementation, TimeSpan? MaxStateAge);
