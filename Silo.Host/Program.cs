using Microsoft.Extensions.Hosting;
using Orleans.Bcp.Silo.Hosting;

// A headless node: hosts grains and fires durable reminders (the daily sync), serves no HTTP.
// Configured like the Api (Storage:*, Silo:*); metrics are read with dotnet-counters (meter Orleans.Bcp).
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBcpSilo();
await builder.Build().RunAsync();
