using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Providers.Records;

/// <summary>Bounds on users' provider records.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Providers";

    [Range(1, 100)]
    public int MaxProvidersPerUser { get; set; } = 20;

    [Range(1, 100)]
    public int MaxModelsPerCapability { get; set; } = 20;
}
