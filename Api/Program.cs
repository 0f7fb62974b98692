using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Demo;
using Orleans.Bcp.Api.Hosting;

if (args.Length > 0 && args[0] == "token")
{
    return TokenCommand.Run(WebApplication.CreateBuilder(args[1..]), args);
}

// Seeds the server that is already running; it starts none of its own.
if (args.Length > 0 && args[0] == "demo")
{
    return await DemoCommand.RunAsync(WebApplication.CreateBuilder(args[1..]), args);
}

await BcpApi.Build(args).RunAsync();
return 0;

/// <summary>The API's entry point (named so tests and tools can refer to the assembly).</summary>
public partial class Program;
