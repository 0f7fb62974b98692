namespace Orleans.Bcp.Grains.Abstractions.Login;

/// <summary>What the login service does with a user (docs/api.md).</summary>
[GenerateSerializer, Alias("bcp.LoginMode")]
public enum LoginMode
{
    /// <summary>Log the user in to <c>Target</c> without asking.</summary>
    Direct,
    /// <summary>Let the user choose between both tenants; the active one is marked.</summary>
    Selector,
    /// <summary>The user may not log in now (BCP type none while the BCP side is active).</summary>
    Denied,
}
