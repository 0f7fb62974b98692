using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>
/// A bulk upload of BCP types against the store: every row's user is found first, and only a file
/// whose every row is valid is applied (docs/api.md, all-or-nothing).
/// </summary>
/// <remarks>
/// All-or-nothing holds for validation: a file with any bad row writes nothing. Applying is one
/// conditional write per user (the store has no transactions across objects), on the version read
/// while checking. Under concurrent edits atomicity is per row: a user changed in between is read and
/// checked again and then written, or — deleted or renamed meanwhile — reported as skipped while the
/// other rows still apply. A failure half-way (store outage) leaves the rows written so far written;
/// uploading the same file again completes it, since rows that already have their type are unchanged.
/// </remarks>
internal sealed class BcpTypeBulk(ITenantConfiguration configuration, IUsernameIndex usernames, UserBcpTypes bcpTypes)
{
    // Each row costs a claim read and a user read (and maybe a write): 1,000 rows one after the other
    // would take seconds on Blob Storage.
    private const int Parallelism = 16;

    /// <summary>
    /// The user of <paramref name="tenant"/> each row names. A username whose claim is another
    /// tenant's, or pending or stale (its user does not carry it), is no user of this tenant.
    /// </summary>
    public async Task<(IReadOnlyList<BcpTypeTarget> Targets, IReadOnlyList<InvalidRow> Unknown)> FindUsersAsync(
        TenantLocation tenant, IReadOnlyList<BcpTypeRow> rows)
    {
        var users = new EntityDocument?[rows.Count];
        await ForEachAsync(rows.Count, async i => users[i] = await FindUserAsync(tenant, rows[i].Username));
        var targets = new List<BcpTypeTarget>();
        var unknown = new List<InvalidRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (users[i] is { } user)
            {
                targets.Add(new BcpTypeTarget(rows[i], user));
            }
            else
            {
                // The same answer whether the name is free or another tenant's: this tenant has no such user.
                unknown.Add(new InvalidRow(rows[i].Line, rows[i].Username, RowErrors.UnknownUsername, "This tenant has no user with this username."));
            }
        }

        return (targets, unknown);
    }

    /// <summary>Writes every target whose user does not have its type yet.</summary>
    public async Task<BulkOutcome> ApplyAsync(TenantLocation tenant, IReadOnlyList<BcpTypeTarget> targets)
    {
        var changes = new BcpTypeChange[targets.Count];
        await ForEachAsync(targets.Count, async i =>
            changes[i] = await bcpTypes.SetAsync(tenant, targets[i].User, targets[i].Row.BcpType, targets[i].Row.Username));
        var skipped = targets.Zip(changes)
            .Where(pair => pair.Second.Outcome == BcpTypeOutcome.Gone)
            .Select(pair => new InvalidRow(pair.First.Row.Line, pair.First.Row.Username, RowErrors.UserChanged,
                "The user was deleted or renamed while the file was applied; this row was not applied."))
            .ToList();
        return new BulkOutcome(
            changes.Count(change => change.Outcome == BcpTypeOutcome.Changed),
            changes.Count(change => change.Outcome == BcpTypeOutcome.Unchanged),
            skipped);
    }

    private async Task<EntityDocument?> FindUserAsync(TenantLocation tenant, string username)
    {
        if (await usernames.FindAsync(username) is not { } claim || claim.Tenant.TenantId != tenant.TenantId)
        {
            return null;
        }

        var user = await configuration.GetAsync(tenant, EntityTypes.Users, claim.UserId);
        return user is not null && UsernameKey.AreSame(Fields.String(user.Data[EntityValidator.UsernameField]), username) ? user : null;
    }

    private static Task ForEachAsync(int count, Func<int, Task> body) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await body(i));
}
