using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.AzureStorage;

namespace Serverless.Durable.Tests.AzureStorage;

public sealed class StorageAccessTests
{
    [Fact]
    public void Identity_based_access_needs_all_three_service_uris_and_a_credential()
    {
        var options = new AzureStorageOptions { ConnectionString = null, TaskHubName = "identityhub", Credential = new FixedToken() };
        var missing = Assert.Throws<InvalidOperationException>(() => new AzureStorageBackend(options, TimeProvider.System, NullLoggerFactory.Instance));
        Assert.Contains("Credential", missing.Message, StringComparison.Ordinal);

        options.TableServiceUri = new Uri("https://account.table.core.windows.net");
        options.QueueServiceUri = new Uri("https://account.queue.core.windows.net");
        options.BlobServiceUri = new Uri("https://account.blob.core.windows.net");
        var backend = new AzureStorageBackend(options, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.Equal("identityhub-control-03", backend.Names.ControlQueue(3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1hub")]
    [InlineData("hub-name")]
    [InlineData("hub_name")]
    public void Task_hub_names_must_be_letters_and_digits_starting_with_a_letter(string hub) =>
        Assert.Throws<ArgumentException>(() => new TaskHubNames(hub));

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
