using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Storage;

/// <summary>Cosmos DB for projects, storyboards and tasks.</summary>
public sealed class CosmosOptions
{
    public const string Section = "Cosmos";

    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>Account key (the emulator's well-known key locally); empty in Azure, where the managed identity is used.</summary>
    public string? Key { get; set; }

    [Required]
    public string Database { get; set; } = "studio";

    /// <summary>Accept the self-signed certificate of a local emulator. Honoured only for loopback endpoints.</summary>
    public bool AcceptLocalEmulatorCertificate { get; set; }
}
