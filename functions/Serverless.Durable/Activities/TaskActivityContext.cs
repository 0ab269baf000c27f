namespace Serverless.Durable;

public abstract class TaskActivityContext
{
    public abstract string Name { get; }

    public abstract string InstanceId { get; }
}
