using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Routing;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>
/// The drill's <c>routing</c> step: the voice-routing answer (<see cref="VoiceRouter"/>, the same read the telephony router
/// gets) of every voice point of contact of the primary tenant, as if the pair's status were the would-be one. Fails when
/// an active one would not be routed.
/// </summary>
public sealed class DrillRouting(ITenantConfiguration configuration, VoiceRouter router)
{
    public async Task<DrillStep> RunAsync(PairStatus wouldBe)
    {
        var primary = new TenantLocation(wouldBe.Primary.TenantId, wouldBe.Primary.Region);
        var contacts = (await TenantDocuments.ReadAllAsync(configuration, primary, EntityTypes.PointsOfContact))
            .Select(KeptContact.From).OfType<KeptContact>().Where(contact => contact.Number is not null).ToList();
        var items = new List<DrillItem>();
        var failing = 0;
        foreach (var contact in contacts.OrderBy(contact => contact.Contact.Id, StringComparer.Ordinal))
        {
            var answer = await router.RouteAsync(contact.Number!, wouldBe);
            if (contact.Active && answer.Outcome != RoutingOutcome.Routed)
            {
                failing++;
            }

            items.Add(new DrillItem(contact.Contact.Id, contact.Contact.Name, JsonNamingPolicy.KebabCaseLower.ConvertName(answer.Outcome.ToString()), Why(contact, answer)));
        }

        var counts = DrillSteps.Count(items.Select(item => item.Outcome), "routed", "poc-unknown", "poc-inactive", "poc-not-in-bcp");
        var summary = $"Of {contacts.Count} voice points of contact of the primary tenant, {counts["routed"]} would be routed" +
            (failing > 0 ? $"; {failing} active ones would not." : ".");
        // The routed ones go last: the items name what needs looking at first.
        return DrillSteps.Of(DrillStepIds.Routing, failing == 0, summary, counts, items.OrderBy(item => item.Outcome == "routed"));
    }

    private static string Why(KeptContact contact, RoutingAnswer answer) => answer.Outcome switch
    {
        RoutingOutcome.Routed => $"{contact.Number} to {answer.Route!.AccountName} ({answer.Route.TenantId})",
        RoutingOutcome.PocNotInBcp => $"{contact.Number}: not synced to the BCP tenant",
        RoutingOutcome.PocInactive => $"{contact.Number}: deactivated, or of the standby side",
        _ => $"{contact.Number}: the number resolves to no point of contact",
    };
}
