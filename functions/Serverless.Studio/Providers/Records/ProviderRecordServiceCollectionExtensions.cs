using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.Providers.Records;

public static class ProviderRecordServiceCollectionExtensions
{
    /// <summary>Users' provider records and the usage ledger, with data protection keeping its key ring in blob storage (<see cref="BlobKeyRing"/>).</summary>
    public static IServiceCollection AddProviderRecords(this IServiceCollection services)
    {
        services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("serverless-studio");
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient>((o, blobs) => o.XmlRepository = new BlobKeyRing(blobs));
        services.AddSingleton<ProviderKeyProtector>();
        services.AddSingleton<ProviderStore>();
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<UserProviderCalls>();
        services.AddSingleton<Ledger.UsageLedger>();
        services.AddSingleton<Ledger.ProviderCache>();
        services.AddSingleton<Ledger.ProviderBilling>();
        services.AddSingleton<Ledger.CostEstimator>();
        return services;
    }
}
