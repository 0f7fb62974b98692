namespace Orleans.Bcp.Tests.Upgrade;

/// <summary>
/// What the data folder in <c>Upgrade/PreviousRelease</c> holds: written through the HTTP API of the
/// release before Orleans (commit 7d6c786), see the README next to it.
/// </summary>
public static class PreviousReleaseData
{
    /// <summary>The folder, relative to the test output directory.</summary>
    public const string Folder = "Upgrade/PreviousRelease";

    public const string DatabaseFile = "bcp.db";

    public const string PairId = "04d5ea1320414ab292c9f4eddc7713af";

    public const string PrimaryTenantId = "485e8b9c891a44809a5a22e656371f7e";

    public const string BcpTenantId = "ba1e67c3ba46411eb3af0ce29005146c";

    public const string PrimaryName = "Classics Inc.";

    public const string BcpName = "Classics Inc. BCP";

    /// <summary>The pair's passkey, as creation answered it (a test fixture's, known to nobody else).</summary>
    public const string Passkey = "OQTV-C3VK-CO5M-6MYQ-Z2YN-52YN-P3XP-PZGR";

    /// <summary>Switched to bcp and back: two effective switches.</summary>
    public const long Epoch = 2;

    /// <summary>Audit entries 1..8: pair-create, 2 switches, 2 wrong passkeys, sync-settings, sync-run started and succeeded.</summary>
    public const int AuditEntries = 8;

    /// <summary>Wrong passkeys after the last switch, still counted in the pair's state.</summary>
    public const int RecentFailures = 2;

    /// <summary>The later of the two wrong passkeys.</summary>
    public static readonly DateTimeOffset LastFailureAt = DateTimeOffset.Parse("2026-12-01T20:38:14.4512704+00:00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>When sync was enabled; its time of day is the daily run time.</summary>
    public static readonly DateTimeOffset SyncEnabledAt = DateTimeOffset.Parse("2026-12-01T20:38:21.803469+00:00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The manual run, succeeded.</summary>
    public const string RunId = "2cc87874c82b438dac7f6306f674087f";

    /// <summary>Admin user of the audit's switches and settings.</summary>
    public const string AdminUserId = "admin-1";

    /// <summary>Primary entities and their BCP copies made by the run.</summary>
    public static class Primary
    {
        public const string SkillId = "26aa430741c1465fac441dc9b6d4f755";
        public const string RoleId = "7c656ba3ef5f416993def77e6cf00843";
        public const string UserId = "2fa5e7b437b44d6cad6dd4c15029da38";
        public const string PointOfContactId = "87a59826441f4264a8d7356da8aaed04";
    }

    public static class Bcp
    {
        public const string SkillId = "7a01721554df4c81937b83fcee002b34";
        public const string RoleId = "cd035a2179714fb6a5ff4a16e7456ad3";
        public const string UserId = "264637aab52d4fb895c32aa505151a52";
        public const string PointOfContactId = "99952950733e4f64b5aa97be6cf16ff0";
    }

    public const string Username = "ichabod.crane@classics.example";

    public const string VoiceNumber = "+14155550100";
}
