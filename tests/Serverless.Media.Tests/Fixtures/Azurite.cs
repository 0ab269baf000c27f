using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>
/// The local storage emulator, which CI starts before the tests. Tests that need it fail (never skip) when it is
/// down: a missing emulator must not pass as a green build.
/// </summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public static BlobServiceClient Blobs() => new(ConnectionString);

    /// <summary>Base64 messages, as the worker and the function app exchange them.</summary>
    public static QueueServiceClient Queues() => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A container or queue name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];

    public static async Task RequireAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Blobs().GetPropertiesAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            Assert.Fail($"Azurite is not reachable at 127.0.0.1:10000 (start it with infra/local/dev.sh up): {exception.Message}");
        }
    }
}
