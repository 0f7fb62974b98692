namespace Orleans.Bcp.Silo.Config;

/// <summary>How a write of a tenant's entity through <see cref="EntityWriter"/> ended.</summary>
public enum EntityWriteOutcome
{
    Created,
    Replaced,
    Deleted,

    /// <summary>The entity already was as the edit asks (<see cref="EntityWriter.EditAsync"/>); nothing was written.</summary>
    Unchanged,

    /// <summary>The tenant has no entity with the id.</summary>
    NotFound,

    /// <summary>The entity is not (or no longer) at the version the precondition names.</summary>
    ETagMismatch,

    /// <summary>Another user on the platform holds the username.</summary>
    UsernameTaken,

    /// <summary>Another point of contact on the platform holds the voice number.</summary>
    AddressTaken,

    /// <summary>The write changes a user's BCP type, and the caller may not edit access.</summary>
    BcpTypeNeedsAccessEdit,
}
