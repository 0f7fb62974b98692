namespace Orleans.Bcp.Api.Pairs;

// The positional field must be given; the property may be left out (the API document reads the record so).

/// <summary>Body of PUT /tenant-pairs/{pairId}/approval.</summary>
/// <param name="Required">Whether a passkey switch waits for a second person's approval.</param>
public sealed record ApprovalRequest(bool? Required)
{
    /// <summary>How long a switch request can be approved, 5 to 60 minutes; the current window when left out.</summary>
    public int? WindowMinutes { get; init; }
}
