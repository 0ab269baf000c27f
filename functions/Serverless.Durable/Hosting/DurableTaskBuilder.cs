using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Backend;
using Serverless.Durable.Hosting;
using Serverless.Durable.InMemory;

namespace Serverless.Durable;

public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    public DurableWorkerOptions Worker { get; } = new();

    internal DurableTaskRegistry Registry { get; } = new();

    internal JsonSerializerOptions JsonOptions { get; private set; } = new(JsonSerializerDefaults.Web);

    internal Func<IServiceProvider, IOrchestrationBackend>? Backend { get; private set; }

    public DurableTaskBuilder AddOrchestrator<T>() where T : class => AddOrchestrator<T>(typeof(T).Name);

    public DurableTaskBuilder AddOrchestrator<T>(string name) where T : class
    {
        if (!typeof(IOrchestratorBody).IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} does not derive from TaskOrchestrator<TInput, TOutput>.");
        }

        Registry.AddOrchestrator(name, typeof(T));
        Services.AddTransient<T>();
        return this;
    }

    public DurableTaskBuilder AddActivity<T>() where T : class => AddActivity<T>(typeof(T).Name);

    public DurableTaskBuilder AddActivity<T>(string name) where T : class
    {
        if (!typeof(IActivityBody).IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} does not derive from TaskActivity<TInput, TOutput>.");
        }

        Registry.AddActivity(name, typeof(T));
        Services.AddTransient<T>();
        return this;
    }

    public DurableTaskBuilder UseJsonOptions(JsonSerializerOptions options)
    {
        JsonOptions = options;
        return this;
    }

    /// <summary>Keeps the task hub in memory (tests, single-process tools). State is lost with the process.</summary>
    public DurableTaskBuilder UseInMemory()
    {
        Backend = sp => new InMemoryBackend(sp.GetRequiredService<TimeProvider>());
        return this;
    }

    /// <summary>Shares one in-memory task hub between several service providers (simulated restarts in tests).</summary>
    internal DurableTaskBuilder UseInMemory(InMemoryBackend backend)
    {
        Backend = _ => backend;
        return this;
    }

    internal DurableTaskBuilder UseBackend(Func<IServiceProvider, IOrchestrationBackend> backend)
    {
        Backend = backend;
        return this;
    }
}
