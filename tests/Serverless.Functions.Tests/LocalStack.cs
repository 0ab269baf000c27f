namespace Serverless.Functions.Tests;

/// <summary>The local stack CI starts before tests (Azurite; cosmosdb-server from appsettings.Development.json).</summary>
public static class LocalStack
{
    public static string StorageConnectionString { get; } =
        Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") ?? "UseDevelopmentStorage=true";
}
