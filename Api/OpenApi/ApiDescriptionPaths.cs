using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Orleans.Bcp.Api.OpenApi;

internal static class ApiDescriptionPaths
{
    /// <summary>The key of an endpoint in the document's paths: a group's "/" route is "tenants/" to the API explorer, "/tenants" in the document.</summary>
    public static string PathOf(ApiDescription description) => "/" + (description.RelativePath ?? "").Trim('/');
}
