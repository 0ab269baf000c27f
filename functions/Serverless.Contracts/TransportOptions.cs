using System.ComponentModel.DataAnnotations;

namespace Serverless.Contracts;

/// <summary>
/// Which queue service carries jobs from the function app to the workers: one "Transport" section, one shape, read
/// by the app's sender and the worker's receiver alike, so both ends cannot disagree. Validated at start.
/// </summary>
public sealed class TransportOptions : IValidatableObject
{
    public const string Section = "Transport";
    public const string StorageQueueKind = "storage-queue";
    public const string ServiceBusKind = "service-bus";

    /// <summary>"storage-queue" (the storage account; Azurite locally) or "service-bus" (Transport:ServiceBus).</summary>
    [Required]
    [RegularExpression("^(storage-queue|service-bus)$", ErrorMessage = "Transport:Kind must be storage-queue or service-bus.")]
    public string Kind { get; set; } = StorageQueueKind;

    public ServiceBusTransportOptions ServiceBus { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Kind == ServiceBusKind ? ServiceBus.Validate() : [];
}

/// <summary>Service Bus, reached with the managed identity (<see cref="FullyQualifiedNamespace"/>) or a connection string.</summary>
public sealed class ServiceBusTransportOptions
{
    /// <summary>e.g. <c>studio.servicebus.windows.net</c>; signed in with DefaultAzureCredential (AZURE_CLIENT_ID names the identity).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>A SAS connection string, instead of the identity.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long the worker's processor keeps renewing a job's lock: longer than the longest render, so a 4K render is never
    /// handed to a second worker while the first still encodes it.
    /// </summary>
    public TimeSpan MaxLockRenewal { get; set; } = TimeSpan.FromHours(2);

    public IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(FullyQualifiedNamespace) == string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Transport:ServiceBus needs exactly one of FullyQualifiedNamespace (managed identity) or ConnectionString.",
                [nameof(FullyQualifiedNamespace), nameof(ConnectionString)]);
        }

        if (FullyQualifiedNamespace is { Length: > 0 } host && (host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal)))
        {
            yield return new ValidationResult(
                "Transport:ServiceBus:FullyQualifiedNamespace is a host name such as studio.servicebus.windows.net, not a URI.", [nameof(FullyQualifiedNamespace)]);
        }

        if (MaxLockRenewal <= TimeSpan.Zero || MaxLockRenewal > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Transport:ServiceBus:MaxLockRenewal must be between 0 and 1 day.", [nameof(MaxLockRenewal)]);
        }
    }
}
