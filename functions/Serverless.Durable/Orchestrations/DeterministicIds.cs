using System.Security.Cryptography;
using System.Text;

namespace Serverless.Durable.Orchestrations;

/// <summary>Name-based ids: the same inputs give the same id on every replay and in every process.</summary>
internal static class DeterministicIds
{
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static string ExecutionId(string name) => From(name).ToString("N");
}
