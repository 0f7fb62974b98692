using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>How the API answers the field errors of a body (<see cref="EntityValidator"/>): one 400 validation problem naming every field.</summary>
internal static class FieldErrorsProblem
{
    public static ProblemHttpResult ToProblem(this FieldErrors errors) => Problem.Invalid(errors.ByField());
}
