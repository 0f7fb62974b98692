using Microsoft.Extensions.Hosting;
using Orleans.Bcp.Silo.Hosting;

// A headless node: hosts grains and fires reminders (the daily sync), serves no HTTP.
// Configured like the Api (Storage:*, Cluster:*, Sync:*); metrics are read with dotnet-counters (meters Orleans.Bcp, Microsoft.Orleans).
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddBcp(builder.Configuration));
await builder.Build().RunAsync();
