using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Sync;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>The content hash is stored in every correlation: the same document must keep hashing as it did, or every copy would be written again.</summary>
[TestClass]
public sealed class ContentHashTests
{
    [TestMethod]
    [DataRow("""{"username":"agent00042@bench.example","firstName":"Grace","active":true,"wrapUp":30,"skillIds":["a","b"],"nested":{"x":null}}""")]
    [DataRow("""{"name":"Zoë Ødegård – 北京 😀","content":"ROUTE skill=1\nLOG \"quoted\" <tag> & 'single' \\ back"}""")]
    [DataRow("""{"number":1.5e3,"empty":{},"list":[],"unicode":"\u00e9\u0000"}""")]
    public void Of_Document_EqualsTheHashOfItsJsonString(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();

        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));

        Assert.AreEqual(expected, ContentHash.Of(document));
    }
}
