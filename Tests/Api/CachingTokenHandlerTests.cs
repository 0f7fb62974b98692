using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The validated-token cache speeds up repeated tokens without accepting anything full validation would refuse.</summary>
[TestClass]
public sealed class CachingTokenHandlerTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [TestMethod]
    public async Task ValidateToken_SameTokenTwice_SecondIsServedFromCacheWithItsOwnIdentity()
    {
        var handler = NewHandler(capacity: 10);
        var token = Mint(Key, TimeSpan.FromHours(1));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.IsTrue(first.IsValid);
        Assert.IsTrue(second.IsValid);
        Assert.AreEqual(1, handler.Count);
        Assert.AreNotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.AreEqual("user-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        CollectionAssert.AreEquivalent(
            new[] { Permissions.Setup, Permissions.SyncEdit },
            second.ClaimsIdentity.FindAll(Permissions.ClaimType).Select(claim => claim.Value).ToArray());
    }

    [TestMethod]
    public async Task Recall_SharesOnePrincipalPerToken_WhoseClaimsAndIdentitiesCannotBeChanged()
    {
        var handler = NewHandler(capacity: 10);
        var token = Mint(Key, TimeSpan.FromHours(1));
        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        var principal = handler.Recall(token)!.Principal;

        Assert.AreSame(principal, handler.Recall(token)!.Principal, "every request of the token is served the same principal");
        Assert.AreEqual("user-1", principal.FindFirst("sub")?.Value);
        Assert.IsTrue(principal.Identity?.IsAuthenticated);
        var identity = (ClaimsIdentity)principal.Identity!;
        var claim = new Claim(Permissions.ClaimType, Permissions.LoginRead);
        Assert.ThrowsExactly<InvalidOperationException>(() => identity.AddClaim(claim));
        Assert.ThrowsExactly<InvalidOperationException>(() => identity.AddClaims([claim]));
        Assert.ThrowsExactly<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst("sub")));
        Assert.ThrowsExactly<InvalidOperationException>(() => identity.TryRemoveClaim(identity.FindFirst("sub")));
        Assert.ThrowsExactly<InvalidOperationException>(() => principal.AddIdentity(new ClaimsIdentity([claim], "test")));
        Assert.ThrowsExactly<InvalidOperationException>(() => principal.AddIdentities([new ClaimsIdentity([claim], "test")]));
        CollectionAssert.AreEquivalent(
            new[] { Permissions.Setup, Permissions.SyncEdit },
            principal.FindAll(Permissions.ClaimType).Select(found => found.Value).ToArray(),
            "nothing was added or removed");

        // A copy can be changed, and the shared principal does not see it.
        var copy = principal.Clone();
        ((ClaimsIdentity)copy.Identity!).AddClaim(claim);
        Assert.IsTrue(copy.HasClaim(Permissions.ClaimType, Permissions.LoginRead));
        Assert.IsFalse(principal.HasClaim(Permissions.ClaimType, Permissions.LoginRead));
    }

    [TestMethod]
    public async Task ValidateToken_AlteredSignatureOfCachedToken_IsRefused()
    {
        var handler = NewHandler(capacity: 10);
        var token = Mint(Key, TimeSpan.FromHours(1));
        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        var forged = Mint(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TimeSpan.FromHours(1));

        var result = await handler.ValidateTokenAsync(forged, Parameters());

        Assert.IsFalse(result.IsValid);
        Assert.AreEqual(1, handler.Count);
    }

    [TestMethod]
    public async Task ValidateToken_InvalidToken_IsNotRemembered()
    {
        var handler = NewHandler(capacity: 10);

        var expired = await handler.ValidateTokenAsync(Mint(Key, TimeSpan.FromMinutes(-5)), Parameters());
        var garbage = await handler.ValidateTokenAsync("not-a-jwt", Parameters());

        Assert.IsFalse(expired.IsValid);
        Assert.IsFalse(garbage.IsValid);
        Assert.AreEqual(0, handler.Count);
    }

    [TestMethod]
    public async Task ValidateToken_CachedTokenPastItsExpiry_IsRefused()
    {
        var handler = NewHandler(capacity: 10);
        var token = Mint(Key, TimeSpan.FromSeconds(2));
        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var result = await handler.ValidateTokenAsync(token, Parameters());

        Assert.IsFalse(result.IsValid);
        Assert.AreEqual(0, handler.Count);
    }

    [TestMethod]
    public async Task ValidateToken_MoreTokensThanCapacity_StaysBounded()
    {
        var handler = NewHandler(capacity: 3);

        for (var i = 0; i < 10; i++)
        {
            Assert.IsTrue((await handler.ValidateTokenAsync(Mint(Key, TimeSpan.FromHours(1), $"user-{i}"), Parameters())).IsValid);
        }

        Assert.IsLessThanOrEqualTo(3, handler.Count);
    }

    [TestMethod]
    public async Task ValidateToken_CapacityZero_RemembersNothing()
    {
        var handler = NewHandler(capacity: 0);
        var token = Mint(Key, TimeSpan.FromHours(1));

        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        Assert.AreEqual(0, handler.Count);
    }

    [TestMethod]
    public async Task ValidateToken_AfterTheSigningKeysChanged_IsValidatedInFullAgain()
    {
        object keys = new();
        var handler = new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, 10, () => keys);
        var token = Mint(Key, TimeSpan.FromHours(1));
        Assert.IsTrue((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.IsNotNull(handler.RecallIdentity(token), "remembered under the keys in force");

        // The token's key is removed: a new key set, and validation parameters without that key.
        keys = new object();
        var withoutItsKey = Parameters();
        withoutItsKey.IssuerSigningKey = SigningKeys.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        Assert.IsNull(handler.RecallIdentity(token));
        Assert.IsFalse((await handler.ValidateTokenAsync(token, withoutItsKey)).IsValid);
        Assert.AreEqual(0, handler.Count);
    }

    private static CachingTokenHandler NewHandler(int capacity)
    {
        var keys = new object();
        return new(new JsonWebTokenHandler { MapInboundClaims = false }, capacity, () => keys);
    }

    private static string Mint(string key, TimeSpan lifetime, string user = "user-1") =>
        DevelopmentTokens.Mint(new AuthOptions(), key, user, "tenant-1", [Permissions.Setup, Permissions.SyncEdit], lifetime);

    // No clock skew, so the expiry test does not have to wait for the skew to pass.
    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "orleans-bcp",
        ValidAudience = "orleans-bcp",
        IssuerSigningKey = SigningKeys.FromBase64(Key),
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };
}
