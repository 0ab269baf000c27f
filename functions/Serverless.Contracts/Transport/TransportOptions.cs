using System.ComponentModel.DataAnnotations;

namespace Serverless.Contracts.Transport;

/// <summary>
/// Which queue service carries jobs between the function app and the workers; both read the same "Transport" section
/// so the sender and the receivers always agree. Validated at start.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";
    public const string StorageQueue = "storage-queue";
    public const string ServiceBus = "service-bus";

    /// <summary>"storage-queue" (the app's storage account; Azurite locally) or "service-bus" (AMQP 1.0, Transport:ServiceBus).</summary>
    [Required]
    [RegularExpression("^(storage-queue|service-bus)$", ErrorMessage = "Transport:Kind must be storage-queue or service-bus.")]
    public string Kind { get; set; } = StorageQueue;
}
