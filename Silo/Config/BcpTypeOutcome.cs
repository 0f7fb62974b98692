namespace Orleans.Bcp.Silo.Config;

/// <summary>What setting one user's BCP type did.</summary>
public enum BcpTypeOutcome
{
    /// <summary>The user had another type and was rewritten with the new one.</summary>
    Changed,

    /// <summary>The user had the type already; nothing was written.</summary>
    Unchanged,

    /// <summary>The user was deleted, or renamed away from the username asked for, before the write.</summary>
    Gone,
}
