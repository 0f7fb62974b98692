using System.Globalization;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Demo;

/// <summary>What the demo prints: the pair (the passkey this once), its tenants, how to sign in, what to try.</summary>
public static class DemoReport
{
    private const string Token = "dotnet run --project Api -- token";

    public static void Write(TextWriter output, Uri url, DemoPair pair, TimeSpan took, DemoPermissions permissions)
    {
        var counts = pair.Counts;
        var total = counts.Values.Sum();
        string Count(string type, string label) => $"{counts.GetValueOrDefault(type)} {label}";
        var admin = string.Join(" ", new[] { permissions.ActivationEdit, permissions.SyncEdit, permissions.AccessEdit, permissions.TenantConfigEdit }.Select(p => "--perm " + p));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo pair ready on {url} in {took.TotalSeconds:F1} s."));
        output.WriteLine();
        output.WriteLine($"  pair      {pair.PairId}");
        output.WriteLine($"  passkey   {pair.Passkey}   (shown once, here: every switch with a passkey needs it; keep it safe)");
        output.WriteLine($"  primary   {pair.PrimaryTenantId}   {pair.PrimaryName}, us-east: {total} entities ({Count(EntityTypes.Users, "users")}, " +
            $"{Count(EntityTypes.Roles, "roles")}, {Count(EntityTypes.Teams, "teams")}, {Count(EntityTypes.Skills, "skills")}, " +
            $"{Count(EntityTypes.PointsOfContact, "points of contact")}, {Count(EntityTypes.HoursOfOperation, "hours")}, " +
            $"{Count(EntityTypes.Scripts, "scripts")}, {Count(EntityTypes.Dispositions, "dispositions")}, {Count(EntityTypes.Files, "files")}, …)");
        output.WriteLine($"  bcp       {pair.BcpTenantId}   {pair.BcpName}, eu-west: " + (pair.SyncOutcome == "running"
            ? $"the first sync run is still copying into it (GET /tenant-pairs/{pair.PairId}/sync/runs shows its progress)"
            : $"filled by the first sync run ({pair.SyncOutcome})"));
        output.WriteLine($"  admin     {pair.AdministratorUserId}   Ichabod Crane, {pair.AdministratorUsername} (BCP type multiple); {pair.SingleUsername} is single");
        output.WriteLine($"  number    {pair.VoiceAddress}   a voice point of contact");
        output.WriteLine();
        output.WriteLine("Sign in with Development tokens (the console's Development sign-in takes the same tenant, user and permissions):");
        output.WriteLine("  the primary's administrator (BC activation, sync, BCP access, configuration):");
        output.WriteLine($"    {Token} --tenant {pair.PrimaryTenantId} --user {pair.AdministratorUserId} {admin}");
        output.WriteLine("  a user of the BCP tenant (\"which tenant am I on\" says BCP):");
        output.WriteLine($"    {Token} --tenant {pair.BcpTenantId} --user agent-1");
        output.WriteLine("  the operator (tenants, pairs, passkey rotation, switch with a reason):");
        output.WriteLine($"    {Token} --tenant ops --user operator-1 --perm {permissions.Setup}");
        output.WriteLine("  the login service and telephony router (the tenant claim is not used by these reads):");
        output.WriteLine($"    {Token} --tenant platform --user login-service --perm {permissions.LoginRead}");
        output.WriteLine();
        output.WriteLine("Try, with LOGIN set to the login service's token:");
        output.WriteLine($"  curl -H \"Authorization: Bearer $LOGIN\" \"{new Uri(url, $"login/options?username={Uri.EscapeDataString(pair.AdministratorUsername)}")}\"");
        output.WriteLine($"  curl -H \"Authorization: Bearer $LOGIN\" \"{new Uri(url, $"routing/voice?address={Uri.EscapeDataString(pair.VoiceAddress)}")}\"   # + is %2B in a query");
    }
}
