namespace Serverless.Studio.Storage;

/// <summary>Blob containers and Cosmos containers of the studio, with their partition keys.</summary>
public static class StudioContainers
{
    public const string Scripts = "scripts";
    public const string Assets = "assets";
    public const string Renders = "renders";
    public const string Incoming = "incoming";

    /// <summary>Footage dropped under <c>{user_id}/</c> to be analyzed as if uploaded through the API.</summary>
    public const string IncomingFootage = "incoming-footage";

    /// <summary>Uploaded footage, its analysis and its clips, under <c>{user}/{footage}/</c>.</summary>
    public const string Footage = "footage";

    /// <summary>Records of the jobs orchestrations issued to the workers, and their ended markers.</summary>
    public const string Jobs = Contracts.IssuedJobBlobs.Container;

    public static readonly string[] Blobs = [Scripts, Assets, Renders, Incoming, IncomingFootage, Footage, "catalog", "models", Jobs, Providers.Records.BlobKeyRing.Container, Providers.Ledger.ProviderCache.Container];

    public const string Projects = "projects";
    public const string Storyboards = "storyboards";
    public const string Tasks = "tasks";
    public const string Users = "users";
    public const string Emails = "emails";
    public const string Sessions = "sessions";
    public const string ApiKeys = "apiKeys";
    public const string ApiKeyDigests = "apiKeyDigests";
    public const string Usage = "usage";
    public const string Characters = "characters";

    /// <summary>Records of uploaded assets (the files themselves are in the <see cref="Assets"/> blob container).</summary>
    public const string AssetRecords = "assets";

    /// <summary>Every query the app makes stays inside one partition (the local emulator serves no other kind).</summary>
    public static readonly (string Name, string PartitionKeyPath)[] Documents =
    [
        (Projects, "/userId"),
        (Storyboards, "/projectId"),
        (Tasks, "/projectId"),
        (Webhooks.WebhookStore.Endpoints, "/userId"),
        (Webhooks.WebhookStore.Deliveries, "/webhookId"),
        (Uploads.UploadReceiptStore.Receipts, "/userId"),
        (Catalog.CatalogStore.Entries, "/kind"),
        (Users, "/id"),
        (Emails, "/id"),
        (Sessions, "/id"),
        (ApiKeys, "/userId"),
        (ApiKeyDigests, "/id"),
        (Usage, "/userId"),
        (Characters, "/projectId"),
        (Providers.Records.ProviderStore.Providers, "/userId"),
        (Providers.Ledger.UsageLedger.Container, "/userId"),
        (AssetRecords, "/projectId"),
        (ProductCatalogs.ProductCatalogStore.Catalogs, "/userId"),
        (ProductCatalogs.ProductCatalogStore.Products, "/userId"),
        (ProductCatalogs.ProductCatalogStore.Sources, "/kind"),
        (ProductCatalogs.CatalogVideoStore.Videos, "/userId"),
        (ProductCatalogs.AdResultStore.Results, "/userId"),
        (VideoTemplates.VideoTemplateStore.Templates, "/userId"),
        (global::Serverless.Studio.Footage.FootageStore.Container, "/userId"),
        (Conversations.ConversationStore.Conversations, "/userId"),
        (Images.ImageStore.Images, "/userId"),
    ];
}
