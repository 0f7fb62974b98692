namespace Orleans.Bcp.Silo.Reminders;

/// <summary>Section <c>Silo:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    /// <summary>Whether this process fires reminders (every silo may; one lease owner per partition does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Reminders are spread over this many partitions, each owned through its own lease.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Partition lease period (15–60 s); renewed at half of it.</summary>
    public TimeSpan LeasePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an owner re-reads its partitions' reminders and fires due ticks.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(10);
}
