using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Providers;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// How a pair setup reaches every silo's <see cref="PairStateCache"/> at once: Orleans' management grain sends a
/// control command to this service, by <see cref="Name"/>, on every active silo (<see cref="TellAllAsync"/>), so an id
/// a silo found absent just before is seen there as soon as the setup answers.
/// </summary>
public sealed class PairCreatedNotice(PairStateCache pairs) : IControllable
{
    /// <summary>The name the notice is registered and sent under.</summary>
    public const string Name = "bcp-pair-created";

    private const int CreatedCommand = 1;

    /// <summary>Tells every active silo (this one included) that the pair <paramref name="status"/> describes now exists.</summary>
    public static Task TellAllAsync(IGrainFactory grains, PairStatus status) =>
        grains.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<PairCreatedNotice>(Name, CreatedCommand, status);

    public Task<object?> ExecuteCommand(int command, object? arg)
    {
        if (command == CreatedCommand && arg is PairStatus status)
        {
            pairs.Created(status);
        }

        return Task.FromResult<object?>(null);
    }
}
