namespace Orleans.Bcp.Demo;

/// <summary>
/// The permission names the demo's tokens carry and its report prints. The Api gives them (Api/Http/Permissions.cs
/// is their one home); this assembly does not reference the Api, whose <c>demo</c> command references it.
/// </summary>
public sealed record DemoPermissions(string Setup, string ActivationEdit, string SyncEdit, string AccessEdit, string TenantConfigEdit, string LoginRead);
