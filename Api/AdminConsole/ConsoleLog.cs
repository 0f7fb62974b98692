namespace Orleans.Bcp.Api.AdminConsole;

internal static partial class ConsoleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Admin console: {Url} ({SignIn})")]
    public static partial void Serving(ILogger logger, string url, string signIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin console is not built into this assembly: build the Api with Node.js and npm on the PATH")]
    public static partial void NotBuilt(ILogger logger);
}
