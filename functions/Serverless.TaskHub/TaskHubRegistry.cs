using Microsoft.DurableTask;

namespace Serverless.TaskHub;

/// <summary>
/// The orchestrators and activities a host runs, by name (the class name, as Durable Functions' function names are).
/// Both kinds are portable Durable Task classes; the host activates one per execution from DI.
/// </summary>
public sealed class TaskHubRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    public TaskHubRegistry AddOrchestrator(Type type)
    {
        Require<ITaskOrchestrator>(type);
        _orchestrators.Add(type.Name, type);
        return this;
    }

    public TaskHubRegistry AddActivity(Type type)
    {
        Require<ITaskActivity>(type);
        _activities.Add(type.Name, type);
        return this;
    }

    public TaskHubRegistry Add(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            _ = typeof(ITaskOrchestrator).IsAssignableFrom(type) ? AddOrchestrator(type) : AddActivity(type);
        }

        return this;
    }

    private static void Require<T>(Type type)
    {
        if (!typeof(T).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} is not a concrete {typeof(T).Name}.", nameof(type));
        }
    }
}
