using Microsoft.Extensions.Options;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Hosting;

/// <summary>The cluster profile follows the control store; a profile that cannot work stops the node at start, naming the key to set.</summary>
[TestClass]
public sealed class SiloProfileTests
{
    [TestMethod]
    public async Task Start_BlobControlStoreWithoutAccount_RefusesNamingTheKeys()
    {
        var store = new StoreSetup("blob", new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:Container"] = $"profile-{Guid.NewGuid():N}",
        });

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => ApiHost.StartAsync(store));

        StringAssert.Contains(error.Message, "Storage:Default:ConnectionString");
        StringAssert.Contains(error.Message, "Storage:Default:ServiceUri");
    }

    [TestMethod]
    public async Task Start_UnknownControlStoreProvider_RefusesNamingTheKey()
    {
        using var folder = new TempFolder();
        var store = new StoreSetup("sqlite", new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "sqlite",
            ["Storage:Default:Path"] = folder.File("bcp.db"),
            ["Storage:Stores:control:Provider"] = "cosmos",
        });

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => ApiHost.StartAsync(store));

        StringAssert.Contains(error.Message, "Storage:Stores:control:Provider");
    }
}
