using System.Globalization;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The steady part of the load: closed-loop workers, each sending one request after the other (with a short
/// pause, so the shared machine keeps some CPU) over every pair: login options and voice routing for the
/// seeded users and numbers (the login service's token), pair status reads (an operator's), and creates and
/// edits of skills and users in the primaries (the tenant admin's), each 2xx entered in the ledger.
/// </summary>
internal sealed class SoakMix(SoakCaller caller, IReadOnlyList<SoakPair> pairs, SoakLedger ledger, string loginToken, string operatorToken)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);
    private int _created;
    private int _edits;

    public Task RunAsync(int workers, SoakClock clock, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(clock, cancellationToken), cancellationToken)));

    private async Task WorkAsync(SoakClock clock, CancellationToken cancellationToken)
    {
        while (clock.Running)
        {
            var pair = pairs[Random.Shared.Next(pairs.Count)];
            var roll = Random.Shared.Next(100);
            var task = roll switch
            {
                < 35 => LoginAsync(pair, cancellationToken),
                < 60 => RoutingAsync(pair, cancellationToken),
                < 80 => caller.SendAsync(SoakKinds.Status, HttpMethod.Get, $"/tenant-pairs/{pair.Pair.PairId}", operatorToken, cancellationToken),
                < 88 => CreateAsync(pair, cancellationToken),
                _ => UpdateAsync(cancellationToken),
            };
            await task;
            await Task.Delay(Pause, cancellationToken);
        }
    }

    private Task<SoakAnswer> LoginAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        var username = pair.Usernames[Random.Shared.Next(pair.Usernames.Count)];
        return caller.SendAsync(SoakKinds.Login, HttpMethod.Get, "/login/options?username=" + Uri.EscapeDataString(username), loginToken, cancellationToken);
    }

    private Task<SoakAnswer> RoutingAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        var address = pair.VoiceAddresses[Random.Shared.Next(pair.VoiceAddresses.Count)];
        return caller.SendAsync(SoakKinds.Routing, HttpMethod.Get, "/routing/voice?address=" + Uri.EscapeDataString(address), loginToken, cancellationToken);
    }

    /// <summary>A new skill (60%) or user in the primary; a 201 enters it in the ledger with its content and ETag.</summary>
    private async Task<SoakAnswer> CreateAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _created);
        var skill = Random.Shared.Next(100) < 60;
        var type = skill ? "skills" : "users";
        var fixedFields = skill ? new Dictionary<string, string>() : new Dictionary<string, string> { ["username"] = $"soak{n}@soak{pair.Index}.example" };
        var field = skill ? "name" : "lastName";
        var value = skill ? $"Soak skill {pair.Index}-n{n}" : "Created";
        var answer = await caller.SendAsync(
            SoakKinds.Create, HttpMethod.Post, $"/tenants/{pair.Pair.PrimaryTenantId}/{type}", pair.AdminToken, cancellationToken, new Dictionary<string, string>(fixedFields) { [field] = value });
        if (answer.IsSuccess)
        {
            var id = answer.Json().GetProperty("id").GetString()!;
            ledger.Add(new SoakEntity(pair, type, id, fixedFields, field, value, answer.ETag));
        }

        return answer;
    }

    /// <summary>A full replace of an entity in the ledger, conditional on its acknowledged ETag while that is known.</summary>
    private async Task<SoakAnswer> UpdateAsync(CancellationToken cancellationToken)
    {
        var entity = ledger.TakeForEdit();
        if (entity is null)
        {
            return new SoakAnswer(0, "", null, NodeDown: false);
        }

        try
        {
            var value = entity.Field == "name"
                ? $"{entity.Value.Split(" ~")[0]} ~{Interlocked.Increment(ref _edits).ToString(CultureInfo.InvariantCulture)}"
                : $"Edited {Interlocked.Increment(ref _edits).ToString(CultureInfo.InvariantCulture)}";
            var answer = await caller.SendAsync(
                SoakKinds.Update, HttpMethod.Put, $"/tenants/{entity.Pair.Pair.PrimaryTenantId}/{entity.Type}/{entity.Id}", entity.Pair.AdminToken,
                cancellationToken, entity.Body(value), entity.ETag);
            if (answer.IsSuccess)
            {
                entity.Acknowledged(value, answer.ETag);
            }
            else if (answer.IsUncertain)
            {
                entity.Uncertain(value);
            }

            return answer;
        }
        finally
        {
            entity.Release();
        }
    }
}
