using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Runtime;
using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Runtime;

/// <summary>
/// The silo's grain runtime: activates grains on first call, lets one call at a time into each
/// activation, loads and refreshes their state, retries once after an ETag conflict, and
/// deactivates idle activations. Several silos may hold activations of the same grain; the
/// store's conditional writes keep them correct (ARCHITECTURE §2.3).
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IDisposable
{
    private const int MaxCachedProxies = 4096;

    private static readonly MethodInfo InvokeTypedMethod =
        typeof(GrainRuntime).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly ConcurrentDictionary<MethodInfo, Func<GrainId, MethodInfo, object?[], object>> _dispatchers = new();
    private readonly ConcurrentDictionary<GrainId, object> _proxies = new();
    private readonly Dictionary<Type, GrainRegistration> _registrations;
    private readonly IServiceProvider _services;
    private readonly IObjectStoreProvider _stores;
    private readonly TimeProvider _timeProvider;
    private readonly GrainRuntimeOptions _options;
    private readonly ILogger<GrainRuntime> _logger;
    private readonly ITimer _collector;
    private int _proxyCount;

    public GrainRuntime(
        IEnumerable<GrainRegistration> registrations,
        IServiceProvider services,
        IObjectStoreProvider stores,
        TimeProvider timeProvider,
        IOptions<GrainRuntimeOptions> options,
        ILogger<GrainRuntime> logger)
    {
        _registrations = registrations.ToDictionary(r => r.Interface);
        _services = services;
        _stores = stores;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
        _collector = timeProvider.CreateTimer(_ => CollectIdle(), null, _options.CollectionInterval, _options.CollectionInterval);
    }

    /// <summary>How many activations this silo holds now.</summary>
    public int ActivationCount => _activations.Count;

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        var id = new GrainId(typeof(TGrain), key);
        if (_proxies.TryGetValue(id, out var cached))
        {
            return (TGrain)cached;
        }

        if (!_registrations.ContainsKey(typeof(TGrain)))
        {
            throw new InvalidOperationException($"No grain class is registered for {typeof(TGrain).Name}.");
        }

        var proxy = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)proxy).Bind(this, id);
        // A reference holds only its address, so one per grain can be handed to every caller. Creating it
        // goes through reflection (Activator with arguments), a visible share of a hot status read; the
        // cache is bounded, and emptied when full rather than tracking recency on every call.
        if (Volatile.Read(ref _proxyCount) >= MaxCachedProxies)
        {
            _proxies.Clear();
            Volatile.Write(ref _proxyCount, 0);
        }

        if (_proxies.TryAdd(id, proxy))
        {
            Interlocked.Increment(ref _proxyCount);
        }

        return proxy;
    }

    public void Dispose() => _collector.Dispose();

    internal object Dispatch(GrainId id, MethodInfo method, object?[] args) =>
        _dispatchers.GetOrAdd(method, CreateDispatcher)(id, method, args);

    private Func<GrainId, MethodInfo, object?[], object> CreateDispatcher(MethodInfo method)
    {
        if (method.ReturnType == typeof(Task))
        {
            return (id, m, args) => InvokeAsync<bool>(id, async grain =>
            {
                await (Task)Call(grain, m, args);
                return true;
            });
        }

        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var typed = InvokeTypedMethod.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
            return typed.CreateDelegate<Func<GrainId, MethodInfo, object?[], object>>(this);
        }

        throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
    }

    private Task<T> InvokeTyped<T>(GrainId id, MethodInfo method, object?[] args) =>
        InvokeAsync(id, grain => (Task<T>)Call(grain, method, args));

    private static object Call(object grain, MethodInfo method, object?[] args)
    {
        try
        {
            return method.Invoke(grain, args)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private async Task<T> InvokeAsync<T>(GrainId id, Func<object, Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var activation = _activations.GetOrAdd(id, Activate);
            await activation.Turn.WaitAsync();
            try
            {
                if (activation.IsDeactivated)
                {
                    continue;
                }

                await activation.EnsureStateAsync(_timeProvider.GetUtcNow(), CancellationToken.None);
                return await call(activation.Instance);
            }
            catch (InconsistentStateException) when (attempt == 0)
            {
                // Another silo wrote first: drop this activation and retry once on fresh state.
                LogConflictRetry(id);
                Deactivate(activation);
            }
            catch
            {
                // In-memory state may now differ from the store; the next call starts from the store.
                Deactivate(activation);
                throw;
            }
            finally
            {
                activation.LastUsed = _timeProvider.GetUtcNow();
                activation.Turn.Release();
            }
        }
    }

    private GrainActivation Activate(GrainId id)
    {
        var registration = _registrations[id.Interface];
        var constructor = registration.Implementation.GetConstructors().Single();
        var states = new List<IStateHandle>();
        var arguments = new List<object>();
        foreach (var parameter in constructor.GetParameters())
        {
            if (parameter.ParameterType == typeof(IGrainContext))
            {
                arguments.Add(new GrainContext(id.Key));
            }
            else if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
            {
                var state = CreateState(parameter.ParameterType, attribute, id.Key);
                states.Add(state);
                arguments.Add(state);
            }
        }

        var instance = ActivatorUtilities.CreateInstance(_services, registration.Implementation, [.. arguments]);
        return new GrainActivation(id, instance, states, registration.MaxStateAge) { LastUsed = _timeProvider.GetUtcNow() };
    }

    private IStateHandle CreateState(Type parameterType, PersistentStateAttribute attribute, string grainKey)
    {
        var stateType = parameterType.GetGenericArguments()[0];
        var key = $"grains/{attribute.StateName}/{Uri.EscapeDataString(grainKey)}";
        var store = _stores.Get(attribute.StorageName);
        var handleType = typeof(PersistentState<>).MakeGenericType(stateType);
        return (IStateHandle)Activator.CreateInstance(handleType, store, key, _timeProvider)!;
    }

    private void Deactivate(GrainActivation activation)
    {
        activation.IsDeactivated = true;
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));
    }

    private void CollectIdle()
    {
        var cutoff = _timeProvider.GetUtcNow() - _options.IdleTimeout;
        foreach (var activation in _activations.Values)
        {
            // Only an activation that is not in a turn can go; a busy one is looked at next time.
            if (activation.LastUsed < cutoff && activation.Turn.Wait(0))
            {
                try
                {
                    Deactivate(activation);
                }
                finally
                {
                    activation.Turn.Release();
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ETag conflict on {GrainId}; retrying once on fresh state")]
    private partial void LogConflictRetry(GrainId grainId);
}
