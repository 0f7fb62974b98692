using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Demo;

/// <summary>
/// Writes a realistic tenant configuration — every one of the 11 synced types, with references
/// between them and scripts that name this tenant's ids in their text — so that sync, tours and
/// benchmarks run against something shaped like a customer, not like a unit test.
/// </summary>
/// <remarks>
/// Content is deterministic for a given seed (names, numbers, which entity references which);
/// ids are fresh random GUIDs, as the API would make them. All ids are drawn first and the
/// documents built afterwards, because references go both ways between types (scripts name points
/// of contact, points of contact name scripts). Every document passes the API's rules
/// (<see cref="EntityValidator"/>) and is stored as the API would store it. Writes go straight to <see cref="ITenantConfiguration"/>
/// as conditional creates, so this is not an API path: usernames are not registered in any username
/// index and nothing is audited — whatever needs those must do them itself.
/// </remarks>
public sealed partial class ReferenceTenantGenerator(ITenantConfiguration configuration)
{
    /// <summary>Concurrent writes; enough to keep a Blob store busy without flooding a 2-core machine.</summary>
    public const int DefaultParallelism = 32;

    private static readonly string[] FirstNames =
    [
        "Ada", "Brook", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kara", "Luis", "Maya", "Nils", "Olga",
        "Pavel", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wes", "Xenia", "Yusuf", "Zoe", "Amara", "Bjorn", "Chloe", "Diego",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Becker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Kowalski", "Larsen",
        "Moreau", "Novak", "Okafor", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Yilmaz", "Zimmermann",
    ];

    private static readonly string[] Permissions =
    [
        "acd.contacts.handle", "acd.contacts.transfer", "acd.skills.view", "acd.skills.edit", "acd.dispositions.edit", "admin.users.view",
        "admin.users.edit", "admin.roles.edit", "reporting.dashboards.view", "reporting.exports.run", "studio.scripts.view",
        "studio.scripts.edit", "quality.recordings.listen", "quality.evaluations.edit", "wfm.schedules.view", "wfm.schedules.edit",
    ];

    private static readonly string[] TimeZones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin"];
    private static readonly string[] Topics = ["Billing", "Support", "Sales", "Retention", "Claims", "Onboarding", "Shipping", "Returns", "Technical", "VIP"];
    private static readonly string[] Languages = ["en-US", "es-US", "fr-CA", "de-DE", "pt-BR"];
    private static readonly string[] DispositionCategories = ["resolved", "callback", "escalated", "no-answer", "wrong-number", "voicemail"];
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] OtherChannels = ["email", "chat", "sms"];

    /// <summary>Writes the tenant and returns what it wrote.</summary>
    /// <param name="tenant">Where to write (the tenant's id and region).</param>
    /// <param name="slug">Lower-case name used in usernames and addresses, e.g. "classics".</param>
    /// <param name="size">How many entities of each type (<see cref="ReferenceTenantSize.Reference"/> for the reference tenant).</param>
    /// <param name="seed">Makes the content reproducible.</param>
    /// <param name="parallelism">Concurrent writes.</param>
    /// <param name="cancellationToken">Stops starting new writes.</param>
    public async Task<ReferenceTenantSummary> GenerateAsync(
        TenantLocation tenant,
        string slug,
        ReferenceTenantSize size,
        int seed = 1,
        int parallelism = DefaultParallelism,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var plan = Plan(slug, size, seed);
        await Parallel.ForEachAsync(
            plan.Documents,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (document, _) => await configuration.CreateAsync(tenant, document.Type, document.Id, document.Data));

        var pointsOfContact = plan.IdsByType[EntityTypes.PointsOfContact];
        return new ReferenceTenantSummary(
            tenant,
            plan.IdsByType,
            [.. pointsOfContact.Take(size.VoicePointsOfContact)],
            [.. pointsOfContact.Skip(size.VoicePointsOfContact)],
            plan.AdministratorUserId,
            plan.AdministratorRoleId,
            plan.SampleUsername,
            plan.SampleVoiceAddress);
    }

    /// <summary>
    /// The tenant's documents without writing them, for writers that are not this class (the <c>demo</c>
    /// command sends them through the HTTP API, which gives every entity its own id and remaps references).
    /// </summary>
    /// <param name="slug">Lower-case name used in usernames and addresses, e.g. "classics".</param>
    /// <param name="size">How many entities of each type.</param>
    /// <param name="seed">Makes the content reproducible; it also picks the block of the voice numbers.</param>
    public static ReferenceTenantPlan Plan(string slug, ReferenceTenantSize size, int seed = 1)
    {
        Validate(slug, size);
        var ids = DrawIds(size);
        var documents = Build(slug, size, ids, new Random(seed), seed);
        return new ReferenceTenantPlan(
            [.. documents.Select(document => new ReferenceTenantDocument(document.Type, document.Id, Validated(document.Type, document.Id, document.Data)))],
            ids.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value),
            ids[EntityTypes.Users][0],
            ids[EntityTypes.Roles][0],
            Username(slug, 0),
            VoiceAddress(seed, 0));
    }

    private static void Validate(string slug, ReferenceTenantSize size)
    {
        if (!SlugPattern().IsMatch(slug))
        {
            throw new ArgumentException("The slug must be 1-40 lower-case letters, digits or dashes.", nameof(slug));
        }

        int[] referenced = [size.HoursOfOperation, size.Skills, size.Roles, size.Teams, size.Scripts, size.Users, size.VoicePointsOfContact];
        if (referenced.Any(count => count < 1) || new[] { size.Dispositions, size.Files, size.AgentSettings, size.OtherPointsOfContact }.Any(count => count < 0))
        {
            throw new ArgumentException("Every referenced type needs at least one entity, and no count may be negative.", nameof(size));
        }

        if (size.AgentSettings > size.Users)
        {
            throw new ArgumentException("Agent settings belong to one user each: there cannot be more of them than users.", nameof(size));
        }
    }

    /// <summary>The document as the API would store it: a generated document the API would refuse is a bug here.</summary>
    private static JsonObject Validated(string type, string id, JsonObject data)
    {
        var errors = new FieldErrors();
        var stored = EntityValidator.Validate(EntityTypes.Find(type)!, data, id, errors);
        return errors.Any ? throw new InvalidOperationException($"The generated {type}/{id} breaks the entity rules: {errors}") : stored;
    }

    private static Dictionary<string, string[]> DrawIds(ReferenceTenantSize size)
    {
        var counts = new Dictionary<string, int>
        {
            [EntityTypes.BusinessUnitSettings] = 1,
            [EntityTypes.Dispositions] = size.Dispositions,
            [EntityTypes.HoursOfOperation] = size.HoursOfOperation,
            [EntityTypes.Skills] = size.Skills,
            [EntityTypes.Roles] = size.Roles,
            [EntityTypes.Teams] = size.Teams,
            [EntityTypes.Files] = size.Files,
            [EntityTypes.Scripts] = size.Scripts,
            [EntityTypes.Users] = size.Users,
            [EntityTypes.AgentSettings] = size.AgentSettings,
            [EntityTypes.PointsOfContact] = size.VoicePointsOfContact + size.OtherPointsOfContact,
        };
        var ids = counts.ToDictionary(
            entry => entry.Key,
            entry => Enumerable.Range(0, entry.Value).Select(_ => Guid.NewGuid().ToString("N")).ToArray());
        ids[EntityTypes.BusinessUnitSettings] = [EntityTypes.SingletonId];
        return ids;
    }

    private static List<(string Type, string Id, JsonObject Data)> Build(
        string slug, ReferenceTenantSize size, Dictionary<string, string[]> ids, Random random, int seed)
    {
        var documents = new List<(string Type, string Id, JsonObject Data)>(size.Total);
        void Add(string type, int index, JsonObject data) => documents.Add((type, ids[type][index], data));
        string Pick(string type) => ids[type][random.Next(ids[type].Length)];
        string Voice(int index) => ids[EntityTypes.PointsOfContact][index];
        var display = char.ToUpperInvariant(slug[0]) + slug[1..];

        Add(EntityTypes.BusinessUnitSettings, 0, new JsonObject
        {
            ["name"] = $"{display} contact center",
            ["timeZone"] = TimeZones[0],
            ["defaultLanguage"] = Languages[0],
            ["recordingEnabled"] = true,
            ["maxQueueSeconds"] = 900,
            ["abandonThresholdSeconds"] = 20,
        });

        for (var i = 0; i < size.Dispositions; i++)
        {
            var category = DispositionCategories[random.Next(DispositionCategories.Length)];
            Add(EntityTypes.Dispositions, i, new JsonObject
            {
                ["name"] = $"{Topics[i % Topics.Length]} - {category} {Number(i)}",
                ["code"] = "D" + Number(i),
                ["category"] = category,
                ["requiresNote"] = random.Next(4) == 0,
            });
        }

        for (var i = 0; i < size.HoursOfOperation; i++)
        {
            var zone = TimeZones[random.Next(TimeZones.Length)];
            var open = 6 + random.Next(4);
            var close = 17 + random.Next(6);
            var days = 5 + random.Next(3);
            Add(EntityTypes.HoursOfOperation, i, new JsonObject
            {
                ["name"] = $"{Topics[i % Topics.Length]} hours {open:00}-{close:00} {zone} {Number(i)}",
                ["timeZone"] = zone,
                ["schedule"] = new JsonArray([.. Weekdays.Take(days).Select(day => (JsonNode)new JsonObject
                {
                    ["day"] = day,
                    ["open"] = $"{open:00}:00",
                    ["close"] = $"{close:00}:00",
                })]),
            });
        }

        for (var i = 0; i < size.Skills; i++)
        {
            var language = Languages[random.Next(Languages.Length)];
            Add(EntityTypes.Skills, i, new JsonObject
            {
                ["name"] = $"{Topics[i % Topics.Length]} {language} {Number(i)}",
                ["mediaType"] = i % 5 == 4 ? "chat" : "voice",
                ["language"] = language,
                ["priority"] = 1 + random.Next(10),
                ["serviceLevelSeconds"] = 10 * (2 + random.Next(10)),
            });
        }

        for (var i = 0; i < size.Roles; i++)
        {
            // The first role and user are a recognisable example: Ichabod Crane, Administrator - Sleepy Hollow.
            var permissions = i == 0 ? Permissions : [.. Permissions.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Permissions[0])];
            Add(EntityTypes.Roles, i, new JsonObject
            {
                ["name"] = i == 0 ? "Administrator - Sleepy Hollow" : $"{(i % 4 == 0 ? "Supervisor" : "Agent")} - {Topics[i % Topics.Length]} {Number(i)}",
                ["description"] = i == 0 ? "Full access for the site administrators." : $"Generated role {Number(i)}.",
                ["permissions"] = new JsonArray([.. permissions.Select(permission => (JsonNode)permission)]),
            });
        }

        for (var i = 0; i < size.Teams; i++)
        {
            Add(EntityTypes.Teams, i, new JsonObject
            {
                ["name"] = $"Team {Topics[i % Topics.Length]} {Number(i)}",
                ["description"] = $"{Topics[i % Topics.Length]} agents, floor {1 + random.Next(6)}.",
                ["maxAgents"] = 50 + random.Next(150),
            });
        }

        for (var i = 0; i < size.Files; i++)
        {
            var audio = i % 3 != 2;
            Add(EntityTypes.Files, i, new JsonObject
            {
                ["name"] = audio ? $"prompt-{Topics[i % Topics.Length].ToLowerInvariant()}-{Number(i)}.wav" : $"faq-{Number(i)}.pdf",
                ["contentType"] = audio ? "audio/wav" : "application/pdf",
                ["sizeBytes"] = 20_000 + random.Next(2_000_000),
                ["folder"] = audio ? "prompts" : "documents",
            });
        }

        for (var i = 0; i < size.Scripts; i++)
        {
            Add(EntityTypes.Scripts, i, new JsonObject
            {
                ["name"] = $"{Topics[i % Topics.Length]} inbound flow {Number(i)}",
                ["description"] = $"Routing flow for the {Topics[i % Topics.Length].ToLowerInvariant()} line.",
                ["content"] = ScriptContent(i, random, Pick, Voice(random.Next(size.VoicePointsOfContact)), Voice(random.Next(size.VoicePointsOfContact))),
            });
        }

        for (var i = 0; i < size.Users; i++)
        {
            Add(EntityTypes.Users, i, new JsonObject
            {
                ["username"] = Username(slug, i),
                ["firstName"] = i == 0 ? "Ichabod" : FirstNames[random.Next(FirstNames.Length)],
                ["lastName"] = i == 0 ? "Crane" : LastNames[random.Next(LastNames.Length)],
                ["roleId"] = i == 0 ? ids[EntityTypes.Roles][0] : Pick(EntityTypes.Roles),
                ["teamId"] = Pick(EntityTypes.Teams),
                ["bcpType"] = "none",
                ["active"] = true,
            });
        }

        for (var i = 0; i < size.AgentSettings; i++)
        {
            var skills = ids[EntityTypes.Skills];
            var skillIds = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => skills[random.Next(skills.Length)]).Distinct();
            Add(EntityTypes.AgentSettings, i, new JsonObject
            {
                ["userId"] = ids[EntityTypes.Users][i],
                ["skillIds"] = new JsonArray([.. skillIds.Select(id => (JsonNode)id)]),
                ["maxConcurrentChats"] = 1 + random.Next(4),
                ["autoAnswer"] = random.Next(2) == 0,
                ["wrapUpSeconds"] = 15 * random.Next(1, 9),
            });
        }

        for (var i = 0; i < size.VoicePointsOfContact + size.OtherPointsOfContact; i++)
        {
            var voice = i < size.VoicePointsOfContact;
            var channel = voice ? "voice" : OtherChannels[(i - size.VoicePointsOfContact) % OtherChannels.Length];
            Add(EntityTypes.PointsOfContact, i, new JsonObject
            {
                ["name"] = $"{Topics[i % Topics.Length]} {channel} line {Number(i)}",
                ["channel"] = channel,
                ["address"] = channel switch
                {
                    "voice" => VoiceAddress(seed, i),
                    "email" => $"{Topics[i % Topics.Length].ToLowerInvariant()}-{Number(i)}@{slug}.example",
                    "chat" => $"https://chat.{slug}.example/widget/{Number(i)}",
                    _ => SmsAddress(seed, i),
                },
                ["skillId"] = Pick(EntityTypes.Skills),
                ["hoursOfOperationId"] = Pick(EntityTypes.HoursOfOperation),
                ["scriptId"] = Pick(EntityTypes.Scripts),
                ["active"] = true,
            });
        }

        return documents;
    }

    /// <summary>A small routing flow naming skills, points of contact and users of this tenant as whole tokens.</summary>
    private static string ScriptContent(int index, Random random, Func<string, string> pick, string entryPoint, string overflowPoint)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"// {Topics[index % Topics.Length]} inbound flow {Number(index)}\n");
        text.Append(CultureInfo.InvariantCulture, $"ON CALL poc={entryPoint}\n");
        text.Append("  PLAY prompt=welcome\n");
        text.Append("  MENU \"Press 1 for billing, 2 for support, 3 to leave a message\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  IF digit=1 ROUTE skill={pick(EntityTypes.Skills)} PRIORITY {1 + random.Next(5)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  IF digit=2 ROUTE skill={pick(EntityTypes.Skills)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  IF digit=3 VOICEMAIL owner={pick(EntityTypes.Users)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  IF caller.vip NOTIFY user={pick(EntityTypes.Users)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  ON TIMEOUT {60 * (1 + random.Next(4))} TRANSFER poc={overflowPoint}\n");
        text.Append("END\n");
        return text.ToString();
    }

    private static string Username(string slug, int index) => $"agent{Number(index)}@{slug}.example";

    /// <summary>+1 555 numbers in a block that depends on the seed, so two generated tenants rarely share an address.</summary>
    private static string VoiceAddress(int seed, int index) => $"+1555{Block(seed)}{index:D4}";

    private static string SmsAddress(int seed, int index) => $"+1556{Block(seed)}{index:D4}";

    private static string Block(int seed) => ((uint)seed % 1000).ToString("D3", CultureInfo.InvariantCulture);

    private static string Number(int index) => index.ToString("D5", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex SlugPattern();
}
