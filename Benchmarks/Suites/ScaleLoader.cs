using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Fills a host for the scale suite: pairs made over HTTP, then each primary given users (and the few entities their
/// references need) by the product's own writers into <see cref="ScaleStagingStores"/>, with BCP types none / single /
/// multiple in turn and every username claimed — then moved into the real store in bulk by <c>sink</c>, a batch of pairs at a time.
/// </summary>
internal sealed class ScaleLoader(IReadOnlyList<HttpClient> operatorClients, int parallelism, ScaleSink sink)
{
    private const int MaxAttemptsPerPair = 10;

    /// <summary>The least wait before making a pair again: the control store that timed out needs time to catch up.</summary>
    private static readonly TimeSpan LeastRetryWait = TimeSpan.FromSeconds(5);

    private readonly ScaleStagingStores _staging = new();

    private int _madeAgain;

    /// <summary>Pairs over HTTP, spread over the given clients (nodes).</summary>
    public async Task<HotPathPair[]> CreatePairsAsync(int count, CancellationToken cancellationToken)
    {
        var pairs = new HotPathPair[count];
        var made = 0;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Options(cancellationToken), async (index, token) =>
        {
            var slug = Slug(index);
            pairs[index] = new HotPathPair(await CreatePairAsync(operatorClients[index % operatorClients.Count], $"Scale {slug}", token), slug);
            if (Interlocked.Increment(ref made) % 500 == 0)
            {
                Log.Info($"scale: {made:N0}/{count:N0} pairs made, {stopwatch.Elapsed.TotalSeconds:0} s");
            }
        });
        return pairs;
    }

    /// <summary>How many times making a pair answered 503 (the store did not answer in time) and was tried again; a pair may count more than once.</summary>
    public int PairsMadeAgain => Volatile.Read(ref _madeAgain);

    /// <summary>
    /// <paramref name="usersPerPair"/> users into each pair (the first <paramref name="extra"/> pairs one more), a batch of
    /// <paramref name="pairsPerBatch"/> pairs at a time, until done or <paramref name="budget"/> is spent; returns the pairs that got users.
    /// </summary>
    public async Task<int> LoadUsersAsync(
        HotPathPair[] pairs, int usersPerPair, int extra, int pairsPerBatch, TimeSpan budget, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var stamps = new ChangeStamps(_staging, TimeProvider.System);
        var configuration = new StoreTenantConfiguration(_staging, stamps);
        var usernames = new UsernameIndex(_staging, configuration, TimeProvider.System);
        var loaded = 0;
        for (var start = 0; start < pairs.Length && stopwatch.Elapsed < budget; start += pairsPerBatch)
        {
            var batch = Enumerable.Range(start, Math.Min(pairsPerBatch, pairs.Length - start)).ToArray();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (index, _) =>
                await StageAsync(configuration, usernames, pairs[index], index, usersPerPair + (index < extra ? 1 : 0)));
            foreach (var (storeName, objects) in _staging.Drain())
            {
                await sink(storeName, objects, cancellationToken);
            }

            loaded = start + batch.Length;
            if (loaded == batch.Length || loaded / pairsPerBatch % 10 == 0 || loaded == pairs.Length)
            {
                Log.Info($"scale: users of {loaded:N0}/{pairs.Length:N0} pairs written, {pairs.Take(loaded).Sum(pair => pair.Users.Count):N0} users, {stopwatch.Elapsed.TotalSeconds:0} s");
            }
        }

        return loaded;
    }

    private static async Task StageAsync(StoreTenantConfiguration configuration, UsernameIndex usernames, HotPathPair pair, int index, int users)
    {
        if (users == 0)
        {
            return;
        }

        var primary = new TenantLocation(pair.Pair.PrimaryTenantId, SyncTarget.PrimaryRegion);
        // Users and the one entity of each type their references need (role, team, ...): no agent settings or other bulk.
        var size = new ReferenceTenantSize(Dispositions: 0, HoursOfOperation: 1, Skills: 1, Roles: 1, Teams: 1, Files: 0, Scripts: 1,
            Users: users, AgentSettings: 0, VoicePointsOfContact: 1, OtherPointsOfContact: 0);
        var plan = ReferenceTenantGenerator.Plan(pair.Slug, size, 100 + index);
        var userIds = plan.IdsByType[EntityTypes.Users];
        var position = userIds.Select((id, i) => (id, i)).ToDictionary(entry => entry.id, entry => entry.i);
        foreach (var document in plan.Documents)
        {
            if (document.Type == EntityTypes.Users)
            {
                var i = position[document.Id];
                var user = new HotPathUser(document.Data["username"]!.GetValue<string>(), BcpTypes.All[i % 3], pair);
                document.Data[BcpTypes.Field] = user.BcpType;
                await configuration.CreateAsync(primary, document.Type, document.Id, document.Data);
                if ((await usernames.ClaimAsync(user.Username, primary, document.Id)).Outcome == IndexClaimOutcome.Taken)
                {
                    throw new InvalidOperationException($"'{user.Username}' is claimed twice: every pair has a slug of its own.");
                }

                pair.Users.Add(user);
            }
            else
            {
                await configuration.CreateAsync(primary, document.Type, document.Id, document.Data);
            }
        }
    }

    /// <summary>
    /// One pair, made again from new tenants when a step answered 503 (as a client told "retry shortly" would, after the
    /// answer's <c>Retry-After</c> or <see cref="LeastRetryWait"/>): a step whose answer was lost may have landed, and a tenant left over is harmless here.
    /// </summary>
    private async Task<BenchPair> CreatePairAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApiCalls.CreatePairAsync(client, name, cancellationToken);
            }
            catch (ApiCallException ex) when (ex.Status == HttpStatusCode.ServiceUnavailable && attempt < MaxAttemptsPerPair)
            {
                if (Interlocked.Increment(ref _madeAgain) == 1)
                {
                    Log.Info($"scale: making a pair answered 503, made again (counted in the report): {ex.Message}");
                }

                await Task.Delay(ex.RetryAfter > LeastRetryWait ? ex.RetryAfter.Value : LeastRetryWait, cancellationToken);
            }
        }
    }

    private static string Slug(int index) => "scale" + index.ToString("D5", CultureInfo.InvariantCulture);

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
}
