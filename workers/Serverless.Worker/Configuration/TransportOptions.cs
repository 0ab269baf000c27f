using System.ComponentModel.DataAnnotations;

namespace Serverless.Worker.Configuration;

/// <summary>Which queue the worker takes jobs from. Bound from the "Transport" section and validated at start.</summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";
    public const string StorageQueue = "storage-queue";
    public const string ServiceBus = "service-bus";

    /// <summary>"storage-queue" (ConnectionStrings:Storage; Azurite locally) or "service-bus" (AMQP 1.0, Transport:ServiceBus).</summary>
    [Required]
    [RegularExpression("^(storage-queue|service-bus)$", ErrorMessage = "Transport:Kind must be storage-queue or service-bus.")]
    public string Kind { get; set; } = StorageQueue;
}
