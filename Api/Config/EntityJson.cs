using System.Text.Json.Nodes;

namespace Orleans.Bcp.Api.Config;

/// <summary>An entity as the API shows it: its id first, then its stored fields.</summary>
internal static class EntityJson
{
    public static JsonObject WithId(string id, JsonObject data)
    {
        var result = new JsonObject { ["id"] = id };
        foreach (var (name, value) in data)
        {
            if (name != "id")
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }
}
