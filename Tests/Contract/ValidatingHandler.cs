namespace Orleans.Bcp.Tests.Contract;

/// <summary>Validates every response a client receives against the API document; a response not as documented fails the test.</summary>
public sealed class ValidatingHandler(OpenApiResponseValidator validator) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Buffered, so the test can still read the body it checked.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        await validator.AssertValidAsync(response);
        return response;
    }
}
