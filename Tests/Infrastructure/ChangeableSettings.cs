using Microsoft.Extensions.Configuration;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Configuration a test changes while the host runs, as an edited settings file or a refreshed secret store would.</summary>
public sealed class ChangeableSettings : ConfigurationProvider, IConfigurationSource
{
    public ChangeableSettings(IReadOnlyDictionary<string, string?> settings) => Set(settings);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Replaces every setting and tells the host its configuration reloaded.</summary>
    public void Change(IReadOnlyDictionary<string, string?> settings)
    {
        Set(settings);
        OnReload();
    }

    private void Set(IReadOnlyDictionary<string, string?> settings) =>
        Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
}
