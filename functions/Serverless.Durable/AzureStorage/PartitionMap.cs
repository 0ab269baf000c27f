using System.Text;

namespace Serverless.Durable.AzureStorage;

/// <summary>Which control queue an instance lives on; a stable hash, so every process agrees.</summary>
internal static class PartitionMap
{
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        // FNV-1a: string.GetHashCode is randomized per process.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
