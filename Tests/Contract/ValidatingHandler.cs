namespace Orleans.Bcp.Tests.Contract;

/// <summary>Validates every response a client receives against the API document; a response not as documented fails the test.</summary>
/// <param name="validator">The document's checks.</param>
/// <param name="documentedOnly">
/// Checks only requests to documented operations and lets others through (a test's unknown entity type, the console's
/// files): how every test's client checks its answers. Otherwise an undocumented operation fails too.
/// </param>
public sealed class ValidatingHandler(OpenApiResponseValidator validator, bool documentedOnly = false)
    : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    /// <summary>The committed document's checks, shared by every test's clients (docs/api.md "The API document": every response of the test suite validates).</summary>
    public static OpenApiResponseValidator Suite { get; } = new(ApiDocument.Committed());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (documentedOnly && validator.Find(request.Method.Method, request.RequestUri!) is null)
        {
            return response;
        }

        // Buffered, so the test can still read the body it checked.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        await validator.AssertValidAsync(response);
        return response;
    }
}
