using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>The problems of the configuration API, with their stable type suffixes.</summary>
internal static class ConfigProblems
{
    public static ProblemHttpResult TenantNotFound() => Problem.NotFound("Tenant");

    public static ProblemHttpResult UnknownType(string type) =>
        Problem.Of(StatusCodes.Status404NotFound, "unknown-entity-type", "Unknown entity type",
            $"'{type}' is not an entity type; the types are {string.Join(", ", EntityTypes.InSyncOrder.Select(known => known.Name))}.");

    public static ProblemHttpResult EntityNotFound(string type, string id) =>
        Problem.Of(StatusCodes.Status404NotFound, "not-found", "Entity not found", $"This tenant has no {type} with id '{id}'.");

    public static ProblemHttpResult SingletonNotFound(string type) =>
        Problem.Of(StatusCodes.Status404NotFound, "not-found", "Entity not found", $"This tenant's {type} have not been written yet.");

    /// <summary>A singleton type has no ids: its one document lives at /tenants/{tenantId}/{type}.</summary>
    public static ProblemHttpResult SingletonHasNoItems(string type) =>
        Problem.Of(StatusCodes.Status404NotFound, "not-found", "Entity not found",
            $"{type} is one document per tenant: use /tenants/{{tenantId}}/{type} without an id.");

    public static ProblemHttpResult MethodNotAllowed(string type) =>
        Problem.Of(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed",
            $"{type} is one document per tenant: read it with GET, write it with PUT.");

    /// <summary>The problem for a write that did not succeed, of the entity <paramref name="type"/>/<paramref name="id"/>.</summary>
    public static ProblemHttpResult WriteFailed(EntityWriteOutcome outcome, string type, string id) => outcome switch
    {
        EntityWriteOutcome.NotFound => EntityNotFound(type, id),
        EntityWriteOutcome.ETagMismatch => ETagMismatch(),
        EntityWriteOutcome.UsernameTaken => UsernameTaken(),
        EntityWriteOutcome.AddressTaken => AddressTaken(),
        EntityWriteOutcome.BcpTypeNeedsAccessEdit => BcpTypeNeedsAccessEdit(),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The write succeeded."),
    };

    private static ProblemHttpResult ETagMismatch() =>
        Problem.Of(StatusCodes.Status412PreconditionFailed, "etag-mismatch", "The entity has changed",
            "If-Match does not name the entity's current version: read it again, then retry.");

    private static ProblemHttpResult UsernameTaken() =>
        Problem.Of(StatusCodes.Status409Conflict, "username-taken", "The username is taken",
            "Usernames are unique across the platform, regardless of case.",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [EntityValidator.UsernameField] = ["The username is taken."] } });

    private static ProblemHttpResult AddressTaken() =>
        Problem.Of(StatusCodes.Status409Conflict, "address-taken", "The number is taken",
            "A voice number rings in one point of contact across the platform; another one holds it (deactivated ones keep theirs).",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["address"] = ["The number is taken."] } });

    private static ProblemHttpResult BcpTypeNeedsAccessEdit() =>
        Problem.Of(StatusCodes.Status403Forbidden, "permission-required", "Changing a user's BCP type needs bcp.access.edit",
            "Leave bcpType out (or unchanged), or ask someone with bcp.access.edit.",
            new Dictionary<string, object?> { ["permission"] = Permissions.AccessEdit });

    public static ProblemHttpResult ReferencesNotFound(IReadOnlyList<MissingReference> missing) =>
        Problem.Of(StatusCodes.Status422UnprocessableEntity, "reference-not-found", "A referenced entity does not exist",
            string.Join(" ", missing.Select(reference => $"{reference.Field}: this tenant has no {reference.Type} with id '{reference.Id}'.")),
            new Dictionary<string, object?>
            {
                ["errors"] = missing.GroupBy(reference => reference.Field).ToDictionary(
                    group => group.Key, group => group.Select(reference => $"This tenant has no {reference.Type} with id '{reference.Id}'.").ToArray()),
                ["references"] = missing,
            });

    public static ProblemHttpResult UnsupportedMediaType() =>
        Problem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The body must be JSON",
            "Send Content-Type: application/json.");
}
