using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Jobs;

/// <summary>
/// Which queue service carries jobs to the workers: the same "Transport" section the worker's receiver reads, so the
/// sender and the receivers always agree. Validated at start.
/// </summary>
public sealed class TransportOptions : IValidatableObject
{
    public const string Section = "Transport";
    public const string StorageQueueKind = "storage-queue";
    public const string ServiceBusKind = "service-bus";

    /// <summary>"storage-queue" (the app's storage account; Azurite locally) or "service-bus" (Transport:ServiceBus).</summary>
    [Required]
    [RegularExpression("^(storage-queue|service-bus)$", ErrorMessage = "Transport:Kind must be storage-queue or service-bus.")]
    public string Kind { get; set; } = StorageQueueKind;

    public ServiceBusOptions ServiceBus { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == ServiceBusKind && string.IsNullOrWhiteSpace(ServiceBus.FullyQualifiedNamespace) == string.IsNullOrWhiteSpace(ServiceBus.ConnectionString))
        {
            yield return new ValidationResult(
                "Transport:ServiceBus needs exactly one of FullyQualifiedNamespace (managed identity) or ConnectionString.", [nameof(ServiceBus)]);
        }
    }
}

/// <summary>Service Bus, reached with the app's managed identity (<see cref="FullyQualifiedNamespace"/>) or a connection string.</summary>
public sealed class ServiceBusOptions
{
    /// <summary>e.g. <c>studio.servicebus.windows.net</c>; signed in with DefaultAzureCredential (AZURE_CLIENT_ID names the identity).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>A SAS connection string, instead of the identity.</summary>
    public string? ConnectionString { get; set; }
}
