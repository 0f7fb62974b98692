using System.Globalization;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Fills the hot-path host: pairs made over HTTP, a generated tenant written into each primary straight
/// into the host's store, BCP types spread over the users, and every username and voice number claimed
/// in the control-store indexes — the generator does none of the last two, and login and routing find
/// users and numbers only through those indexes.
/// </summary>
internal sealed class HotPathLoader(ObjectStoreProvider stores, HttpClient operatorClient, int parallelism)
{
    private readonly StoreTenantConfiguration _configuration = new(stores, new ChangeStamps(stores, TimeProvider.System));

    public async Task<HotPathPair> LoadAsync(int index, ReferenceTenantSize size, CancellationToken cancellationToken)
    {
        var slug = "hot" + index.ToString("D3", CultureInfo.InvariantCulture);
        var pair = new HotPathPair(await ApiCalls.CreatePairAsync(operatorClient, $"Hot paths {slug}", cancellationToken), slug);
        var primary = new TenantLocation(pair.Pair.PrimaryTenantId, SyncTarget.PrimaryRegion);
        // Seeds 100.. give every tenant its own +1555 number block (the generator derives it from the seed).
        var seed = 100 + index;
        var tenant = await new ReferenceTenantGenerator(_configuration).GenerateAsync(primary, slug, size, seed, parallelism, cancellationToken);

        var usernames = new UsernameIndex(stores, _configuration, TimeProvider.System);
        var userIds = tenant.IdsByType[EntityTypes.Users];
        var users = userIds.Select((id, i) => (Id: id, User: new HotPathUser(Username(slug, i), TypeOf(i), pair))).ToArray();
        await Parallel.ForEachAsync(users, Options(cancellationToken), async (user, _) =>
        {
            if (user.User.BcpType != BcpTypes.None)
            {
                var document = await _configuration.GetAsync(primary, EntityTypes.Users, user.Id)
                    ?? throw new InvalidOperationException($"User {user.Id} was not written.");
                document.Data[BcpTypes.Field] = user.User.BcpType;
                await _configuration.ReplaceAsync(primary, EntityTypes.Users, user.Id, document.Data, document.ETag);
            }

            Expect((await usernames.ClaimAsync(user.User.Username, primary, user.Id)).Outcome, user.User.Username);
        });
        pair.Users.AddRange(users.Select(user => user.User));

        var numbers = new VoiceAddressIndex(stores, _configuration, TimeProvider.System);
        var voice = tenant.VoicePointOfContactIds.Select((id, i) => (Id: id, Address: VoiceAddress(seed, i))).ToArray();
        await Parallel.ForEachAsync(voice, Options(cancellationToken), async (contact, _) =>
            Expect((await numbers.ClaimAsync(contact.Address, primary, contact.Id)).Outcome, contact.Address));
        pair.VoiceAddresses.AddRange(voice.Select(contact => contact.Address));
        return pair;
    }

    /// <summary>Thirds, in turn: none, single, multiple (user 0, the administrator, is none).</summary>
    private static string TypeOf(int index) => BcpTypes.All[index % 3];

    // The generator's own naming (Demo/ReferenceTenantGenerator.cs): users and voice points of contact in generation order.
    private static string Username(string slug, int index) => $"agent{index.ToString("D5", CultureInfo.InvariantCulture)}@{slug}.example";

    private static string VoiceAddress(int seed, int index) =>
        $"+1555{((uint)seed % 1000).ToString("D3", CultureInfo.InvariantCulture)}{index.ToString("D4", CultureInfo.InvariantCulture)}";

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

    private static void Expect(IndexClaimOutcome outcome, string value)
    {
        if (outcome == IndexClaimOutcome.Taken)
        {
            throw new InvalidOperationException($"'{value}' is claimed by another entity: generated tenants must not share usernames or numbers.");
        }
    }
}
