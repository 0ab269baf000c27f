namespace Serverless.Durable.Hosting;

/// <summary>Orchestrator and activity classes by the name code calls them with.</summary>
internal sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    public void AddOrchestrator(string name, Type type)
    {
        if (!_orchestrators.TryAdd(name, type))
        {
            throw new InvalidOperationException($"An orchestrator named '{name}' is already registered.");
        }
    }

    public void AddActivity(string name, Type type)
    {
        if (!_activities.TryAdd(name, type))
        {
            throw new InvalidOperationException($"An activity named '{name}' is already registered.");
        }
    }

    public Type? FindOrchestrator(string name) => _orchestrators.GetValueOrDefault(name);

    public Type? FindActivity(string name) => _activities.GetValueOrDefault(name);
}
