namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// The version a conditional write expects the entity at (the API's If-Match). When one is given,
/// a lost race ends the write with <see cref="EntityWriteOutcome.ETagMismatch"/> instead of a retry.
/// </summary>
public interface IETagPrecondition
{
    /// <summary>Whether the entity, stored with <paramref name="storeETag"/>, is at the expected version.</summary>
    bool Matches(string storeETag);
}
