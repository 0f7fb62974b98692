using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Demo;

/// <summary>The generated tenant is complete, self-consistent and shaped as the sync expects (a scaled-down reference tenant on SQLite).</summary>
[TestClass]
public sealed class ReferenceTenantGeneratorTests
{
    private static readonly ReferenceTenantSize Size = ReferenceTenantSize.Reference.Scaled(0.02);
    private static readonly TempFolder Folder = new();
    private static readonly TenantLocation Tenant = new("tenant-a", "us-east");
    private static StoreTenantConfiguration _configuration = null!;
    private static ReferenceTenantSummary _summary = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        var storage = new StorageOptions { Default = new StoreOptions { Provider = "sqlite", Path = Folder.File("bcp.db") } };
        var stores = new ObjectStoreProvider(Options.Create(storage));
        _configuration = new StoreTenantConfiguration(stores, new ChangeStamps(stores, TimeProvider.System));
        _summary = await new ReferenceTenantGenerator(_configuration).GenerateAsync(Tenant, "classics", Size, seed: 7);
    }

    [ClassCleanup]
    public static void Cleanup() => Folder.Dispose();

    [TestMethod]
    public async Task Generate_ScaledReference_WritesEveryTypeWithTheAskedCounts()
    {
        Assert.AreEqual(Size.Total, _summary.Total);
        Assert.AreEqual(Size.Users, _summary.Counts[EntityTypes.Users]);
        Assert.AreEqual(Size.VoicePointsOfContact, _summary.VoicePointOfContactIds.Count);
        Assert.AreEqual(Size.OtherPointsOfContact, _summary.OtherPointOfContactIds.Count);
        foreach (var type in EntityTypes.InSyncOrder)
        {
            var stored = await ListAsync(type.Name);
            CollectionAssert.AreEquivalent(_summary.IdsByType[type.Name].ToArray(), stored.ToArray(), type.Name);
        }
    }

    [TestMethod]
    public async Task Generate_References_PointAtEntitiesOfTheSameTenant()
    {
        var idsByType = _summary.IdsByType.ToDictionary(entry => entry.Key, entry => entry.Value.ToHashSet());
        foreach (var type in EntityTypes.InSyncOrder.Where(type => type.References.Count > 0))
        {
            foreach (var id in _summary.IdsByType[type.Name])
            {
                var data = (await _configuration.GetAsync(Tenant, type.Name, id))!.Data;
                foreach (var reference in type.References)
                {
                    var values = reference.Many ? data[reference.Field]!.AsArray().Select(node => node!.GetValue<string>()) : [data[reference.Field]!.GetValue<string>()];
                    Assert.IsTrue(values.Any(), $"{type.Name}/{id}.{reference.Field} is empty");
                    Assert.IsTrue(values.All(idsByType[reference.TargetType].Contains), $"{type.Name}/{id}.{reference.Field}");
                }

                Assert.IsTrue(type.RequiredText.All(field => data[field] is JsonValue), $"{type.Name}/{id} lacks a required field");
            }
        }
    }

    [TestMethod]
    public async Task Generate_EveryEntity_PassesTheEntityRulesAsStoredWithItsReferencesFound()
    {
        foreach (var type in EntityTypes.InSyncOrder)
        {
            foreach (var id in _summary.IdsByType[type.Name])
            {
                var stored = (await _configuration.GetAsync(Tenant, type.Name, id))!.Data;
                var errors = new FieldErrors();

                var validated = EntityValidator.Validate(type, stored, id, errors);

                Assert.IsFalse(errors.Any, $"{type.Name}/{id}: {errors}");
                Assert.IsTrue(JsonNode.DeepEquals(stored, validated), $"{type.Name}/{id} is not stored as the API would store it: {stored.ToJsonString()}");
                var missing = await ReferenceCheck.FindMissingAsync(_configuration, Tenant, type, stored);
                Assert.IsEmpty(missing, $"{type.Name}/{id}: {string.Join(", ", missing)}");
            }
        }
    }

    [TestMethod]
    public async Task Generate_Scripts_NameSkillsPointsOfContactAndUsersAsWholeTokens()
    {
        var known = new HashSet<string>(
            _summary.IdsByType[EntityTypes.Skills].Concat(_summary.IdsByType[EntityTypes.PointsOfContact]).Concat(_summary.IdsByType[EntityTypes.Users]));
        foreach (var id in _summary.IdsByType[EntityTypes.Scripts])
        {
            var content = (await _configuration.GetAsync(Tenant, EntityTypes.Scripts, id))!.Data["content"]!.GetValue<string>();

            var found = ScriptIds.Find(content, known.Contains);

            Assert.IsGreaterThanOrEqualTo(4, found.Count, content);
            StringAssert.Contains(content, "ROUTE skill=");
        }
    }

    [TestMethod]
    public async Task Generate_UsersAndContacts_HaveUniqueUsernamesAndAddressesAndTheSpecExample()
    {
        var users = await ReadAllAsync(EntityTypes.Users);
        var contacts = await ReadAllAsync(EntityTypes.PointsOfContact);

        Assert.AreEqual(users.Count, users.Select(user => user["username"]!.GetValue<string>()).Distinct().Count());
        Assert.IsTrue(users.All(user => user["bcpType"]!.GetValue<string>() == "none"));
        Assert.AreEqual(contacts.Count, contacts.Select(poc => poc["address"]!.GetValue<string>()).Distinct().Count());
        Assert.AreEqual(Size.VoicePointsOfContact, contacts.Count(poc => poc["channel"]!.GetValue<string>() == "voice"));
        Assert.IsTrue(contacts.Where(poc => poc["channel"]!.GetValue<string>() == "voice").All(poc => poc["address"]!.GetValue<string>().StartsWith("+1555", StringComparison.Ordinal)));
        var administrator = (await _configuration.GetAsync(Tenant, EntityTypes.Users, _summary.AdministratorUserId))!.Data;
        var role = (await _configuration.GetAsync(Tenant, EntityTypes.Roles, _summary.AdministratorRoleId))!.Data;
        Assert.AreEqual("Crane", administrator["lastName"]!.GetValue<string>());
        Assert.AreEqual(_summary.AdministratorRoleId, administrator["roleId"]!.GetValue<string>());
        Assert.AreEqual("Administrator - Sleepy Hollow", role["name"]!.GetValue<string>());
        Assert.AreEqual(_summary.SampleUsername, administrator["username"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Generate_SameSeedTwice_SameContentApartFromIds()
    {
        var other = new TenantLocation("tenant-b", "us-east");
        var again = await new ReferenceTenantGenerator(_configuration).GenerateAsync(other, "classics", Size, seed: 7);

        var first = (await _configuration.GetAsync(Tenant, EntityTypes.Users, _summary.IdsByType[EntityTypes.Users][5]))!.Data;
        var second = (await _configuration.GetAsync(other, EntityTypes.Users, again.IdsByType[EntityTypes.Users][5]))!.Data;

        Assert.AreEqual(first["username"]!.GetValue<string>(), second["username"]!.GetValue<string>());
        Assert.AreEqual(first["firstName"]!.GetValue<string>(), second["firstName"]!.GetValue<string>());
        Assert.AreEqual(first["lastName"]!.GetValue<string>(), second["lastName"]!.GetValue<string>());
        Assert.AreNotEqual(_summary.IdsByType[EntityTypes.Users][5], again.IdsByType[EntityTypes.Users][5]);
    }

    private static async Task<List<string>> ListAsync(string type)
    {
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var (items, next) = await _configuration.ListAsync(Tenant, type, continuation, 100);
            ids.AddRange(items.Select(item => item.Id));
            continuation = next;
        }
        while (continuation is not null);
        return ids;
    }

    private static async Task<List<JsonObject>> ReadAllAsync(string type) =>
        [.. await Task.WhenAll((await ListAsync(type)).Select(async id => (await _configuration.GetAsync(Tenant, type, id))!.Data))];
}
