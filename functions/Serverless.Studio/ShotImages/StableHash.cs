using System.Security.Cryptography;
using System.Text;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// A hash of a name that is the same in every process and on every machine, so a character keeps its colors across
/// shots rendered by different workers. string.GetHashCode is randomized per process and cannot be used.
/// </summary>
internal static class StableHash
{
    public static uint Of(string value) => BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0);
}
