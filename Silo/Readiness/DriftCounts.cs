namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Primary entities of one type created, changed and deleted since the last successful sync.</summary>
public sealed record DriftCounts(int Created, int Changed, int Deleted);
