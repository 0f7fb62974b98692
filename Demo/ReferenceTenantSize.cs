namespace Orleans.Bcp.Demo;

/// <summary>
/// How many entities of each type <see cref="ReferenceTenantGenerator"/> writes. The defaults are the
/// reference tenant the sync targets are stated for (a mid-size contact center: 10,000 agents);
/// <see cref="Scaled"/> shrinks it for tests.
/// </summary>
public sealed record ReferenceTenantSize(
    int Dispositions = 500,
    int HoursOfOperation = 100,
    int Skills = 500,
    int Roles = 50,
    int Teams = 100,
    int Files = 200,
    int Scripts = 200,
    int Users = 10_000,
    int AgentSettings = 10_000,
    int VoicePointsOfContact = 300,
    int OtherPointsOfContact = 100)
{
    /// <summary>The full reference tenant: 22,051 entities (21,951 of them sync; the 100 non-voice points of contact do not).</summary>
    public static ReferenceTenantSize Reference { get; } = new();

    /// <summary>All entities, business-unit settings included.</summary>
    public int Total =>
        1 + Dispositions + HoursOfOperation + Skills + Roles + Teams + Files + Scripts + Users + AgentSettings + VoicePointsOfContact + OtherPointsOfContact;

    /// <summary>Every count times <paramref name="factor"/>, rounded, at least 1 (so every type and reference still occurs).</summary>
    public ReferenceTenantSize Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return new ReferenceTenantSize(
            Scale(Dispositions), Scale(HoursOfOperation), Scale(Skills), Scale(Roles), Scale(Teams), Scale(Files), Scale(Scripts),
            Scale(Users), Scale(AgentSettings), Scale(VoicePointsOfContact), Scale(OtherPointsOfContact));

        int Scale(int count) => Math.Max(1, (int)Math.Round(count * factor));
    }
}
