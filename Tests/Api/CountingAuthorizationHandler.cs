using Microsoft.AspNetCore.Authorization;

namespace Orleans.Bcp.Tests.Api;

/// <summary>An authorization handler that decides nothing and counts how often the authorization service ran.</summary>
internal sealed class CountingAuthorizationHandler : IAuthorizationHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}
