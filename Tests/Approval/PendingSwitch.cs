using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Approval;

/// <summary>A host with a pair that requires approval and a pending switch request to the BCP side by admin-1 of the primary tenant.</summary>
internal sealed class PendingSwitch(ApiHost host, TestPair pair, HttpClient requester, SwitchRequestDocument request) : IAsyncDisposable
{
    public TestPair Pair { get; } = pair;

    public HttpClient Requester { get; } = requester;

    public SwitchRequestDocument Request { get; } = request;

    public static async Task<PendingSwitch> StartAsync(ApiHost host, int windowMinutes = 5)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        var requester = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await ApprovalClient.RequireAsync(requester, pair.PairId, windowMinutes);
        return new PendingSwitch(host, pair, requester, await ApprovalClient.RequestAsync(requester, pair, "bcp"));
    }

    /// <summary>Another admin (bcp.activation.edit) of <paramref name="tenantId"/>.</summary>
    public HttpClient Admin(string tenantId, string userId) => host.ClientFor(tenantId, userId, Permissions.ActivationEdit);

    public async ValueTask DisposeAsync()
    {
        Requester.Dispose();
        await host.DisposeAsync();
    }
}
