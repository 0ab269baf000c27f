namespace Serverless.Studio.Web.Tests;

/// <summary>One stack for every browser test: starting the app, a worker and chromium takes seconds.</summary>
public sealed partial class StudioWebStack : IAsyncLifetime
{
}

[CollectionDefinition(Name)]
public sealed class StudioWebCollection : ICollectionFixture<StudioWebStack>
{
    public const string Name = "studio web stack";
}
