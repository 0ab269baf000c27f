namespace Serverless.EndToEnd.Tests;

/// <summary>The emulators the tests need; a missing one fails the run with a clear message rather than skipping it.</summary>
public static class LocalStack
{
    public static string StorageConnectionString { get; } =
        Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") ?? "UseDevelopmentStorage=true";

    public static async Task RequireAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var (name, url) in new[] { ("Azurite", "http://127.0.0.1:10000/"), ("cosmosdb-server", "https://127.0.0.1:8081/") })
        {
            try
            {
                await http.GetAsync(url);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"{name} is not running at {url} ({e.Message}). Run the tests with infra/local/dev.sh test, or start it with infra/local/dev.sh emulators.");
            }
        }
    }
}
