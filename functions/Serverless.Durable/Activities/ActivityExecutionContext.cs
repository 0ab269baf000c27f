namespace Serverless.Durable.Activities;

internal sealed class ActivityExecutionContext(string name, string instanceId) : TaskActivityContext
{
    public override string Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
