using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Silo.Webhooks;

namespace Orleans.Bcp.Api.Webhooks;

/// <summary>A pair's webhooks: signed notifications of switches and sync runs (docs/webhooks.md).</summary>
public static class WebhookEndpoints
{
    private const int DefaultDeliveryLimit = 50;
    private const int MaxDeliveryLimit = 100;

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        // Who may switch the pair (its tenant admins, operators) decides who hears about it.
        var group = routes.MapGroup("/tenant-pairs/{pairId}/webhooks").WithTags("Webhooks")
            .RequireAuthorization(Permissions.SwitchPolicy).AddEndpointFilter<VisiblePairFilter>();
        group.MapPost("/", CreateAsync)
            .WithName("createWebhook").WithSummary("Register a webhook")
            .WithDescription("Posts the pair's events of the types named to the URL, signed per Standard Webhooks. The answer carries the signing secret: the only time it is ever shown. Outside Development the URL must be https on a public address and port 443 (unless the node allows other ports).")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found").ProducesProblems(409, "too-many-webhooks");
        group.MapGet("/", ListAsync)
            .WithName("listWebhooks").WithSummary("List webhooks")
            .WithDescription("The pair's webhooks, oldest first: URL, event types, when registered and how the last delivery went. Never the secrets.")
            .ProducesProblems(404, "not-found");
        group.MapDelete("/{webhookId}", DeleteAsync)
            .WithName("deleteWebhook").WithSummary("Remove a webhook")
            .WithDescription("Stops deliveries to the webhook at once; its pending deliveries are dropped.")
            .ProducesProblems(404, "not-found");
        group.MapGet("/{webhookId}/deliveries", GetDeliveriesAsync)
            .WithName("listWebhookDeliveries").WithSummary("List a webhook's deliveries")
            .WithDescription("Newest first: the event, how many attempts, the last HTTP status or error, when the next attempt is due and when it was delivered.")
            .WithIntegerQuery("limit", 1, MaxDeliveryLimit, DefaultDeliveryLimit).ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Created<CreatedWebhookDocument>, ProblemHttpResult>> CreateAsync(
        string pairId, CreateWebhookRequest request, Caller caller, IGrainFactory grains, WebhookTargets targets, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        if (await targets.RefusalAsync(request.Url!, cancellationToken) is { } refusal)
        {
            return Problem.Invalid("url", refusal);
        }

        var events = request.Events!.Select(type => type!).Distinct().ToImmutableList();
        if (await grains.GetGrain<IPairWebhooksGrain>(pairId).RegisterAsync(request.Url!, events) is not { } created)
        {
            return Problem.Of(StatusCodes.Status409Conflict, "too-many-webhooks", "Too many webhooks",
                $"A pair has at most {IPairWebhooksGrain.MaxWebhooks} webhooks; remove one first.");
        }

        await grains.GetGrain<IPairAuditGrain>(pairId).RecordAsync(caller.Actor, "webhook-create", "created", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["webhookId"] = created.Webhook.WebhookId,
            ["url"] = Audited(request.Url!),
            ["events"] = string.Join(",", events),
        }));
        return TypedResults.Created($"/tenant-pairs/{pairId}/webhooks/{created.Webhook.WebhookId}", CreatedWebhookDocument.From(created));
    }

    public static async Task<Results<Ok<ImmutableList<WebhookInfo>>, ProblemHttpResult>> ListAsync(string pairId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPairWebhooksGrain>(pairId).ListAsync());

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string pairId, string webhookId, Caller caller, IGrainFactory grains)
    {
        if (!Ids.IsWellFormed(webhookId) || !await grains.GetGrain<IPairWebhooksGrain>(pairId).RemoveAsync(webhookId))
        {
            return Problem.NotFound("Webhook");
        }

        await grains.GetGrain<IPairAuditGrain>(pairId).RecordAsync(caller.Actor, "webhook-delete", "deleted", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["webhookId"] = webhookId,
        }));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ImmutableList<WebhookDelivery>>, ProblemHttpResult>> GetDeliveriesAsync(
        string pairId, string webhookId, IGrainFactory grains, string? limit = null)
    {
        var count = DefaultDeliveryLimit;
        if (limit is not null && !WholeNumber.TryParse(limit, 1, MaxDeliveryLimit, out count))
        {
            return Problem.Invalid("limit", $"limit must be a whole number from 1 to {MaxDeliveryLimit}.");
        }

        var deliveries = Ids.IsWellFormed(webhookId) ? await grains.GetGrain<IPairWebhooksGrain>(pairId).GetDeliveriesAsync(webhookId, count) : null;
        return deliveries is null ? Problem.NotFound("Webhook") : TypedResults.Ok(deliveries);
    }

    /// <summary>A URL's path and query may carry a receiver's token: the audit keeps scheme and host (with a port other than the scheme's) only.</summary>
    private static string Audited(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);

    private static ProblemHttpResult? Validate(CreateWebhookRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            return Problem.Invalid("url", "url is required.");
        }

        if (request.Events is not { Count: > 0 } events)
        {
            return Problem.Invalid("events", $"events must name at least one event type: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        return events.Where(type => type is null || !WebhookEventTypes.All.Contains(type)).Select(type => type ?? "null").FirstOrDefault() is { } unknown
            ? Problem.Invalid("events", $"'{unknown}' is not an event type; known: {string.Join(", ", WebhookEventTypes.All)}.")
            : null;
    }
}
