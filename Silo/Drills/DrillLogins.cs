using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Login;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>
/// The drill's <c>logins</c> step: the login-options answer (<see cref="LoginDirectory"/>, the same read the login service
/// gets) of every user of the primary tenant, as if the pair's status were the would-be one. Fails when users exist and
/// none of them could log in.
/// </summary>
public sealed class DrillLogins(ITenantConfiguration configuration, LoginDirectory logins)
{
    private const string Unknown = "unknown";

    public async Task<DrillStep> RunAsync(PairStatus wouldBe)
    {
        var primary = new TenantLocation(wouldBe.Primary.TenantId, wouldBe.Primary.Region);
        var users = await TenantDocuments.ReadAllAsync(configuration, primary, EntityTypes.Users);
        var answers = new List<(EntityDocument User, string? Username, string Outcome)>();
        foreach (var user in users)
        {
            var username = user.Data["username"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            var options = username is null ? null : await logins.FindAsync(username, wouldBe);
            answers.Add((user, username, options is null ? Unknown : Name(options.Mode)));
        }

        var counts = DrillSteps.Count(answers.Select(answer => answer.Outcome), "direct", "selector", "denied", Unknown);
        var items = answers.Where(answer => answer.Outcome is "denied" or Unknown).OrderBy(answer => answer.User.Id, StringComparer.Ordinal)
            .Select(answer => new DrillItem(answer.User.Id, answer.Username, answer.Outcome,
                answer.Outcome == Unknown ? "the login-options read finds no user under this username" : "BCP type none while the BCP side is active"));
        var canLogIn = counts["direct"] + counts["selector"];
        var side = wouldBe.ActiveSide == PairRole.Primary ? "primary" : "BCP";
        var summary = $"With the {side} side active, of {answers.Count} users of the primary tenant {counts["direct"]} would log in directly, " +
            $"{counts["selector"]} would choose a tenant, {counts["denied"]} would be denied" + (counts[Unknown] > 0 ? $" and {counts[Unknown]} would not be found." : ".");
        return DrillSteps.Of(DrillStepIds.Logins, answers.Count == 0 || canLogIn > 0, summary, counts, items);
    }

    private static string Name(Grains.Abstractions.Login.LoginMode mode) => JsonNamingPolicy.KebabCaseLower.ConvertName(mode.ToString());
}
