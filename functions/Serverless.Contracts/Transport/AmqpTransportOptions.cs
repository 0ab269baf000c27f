using System.ComponentModel.DataAnnotations;

namespace Serverless.Contracts.Transport;

/// <summary>
/// Where and how <see cref="AmqpJobTransport"/> connects. Azure Service Bus: <c>amqps://NAMESPACE.servicebus.windows.net</c>
/// with a SAS key (<see cref="KeyName"/> + <see cref="Key"/>, sent as SASL PLAIN) or, with no key, a token from the
/// configured <c>TokenCredential</c> put on the CBS node. Any other AMQP 1.0 broker (RabbitMQ's plugin locally) with
/// SASL PLAIN and <see cref="AddressPrefix"/> "/queue/".
/// </summary>
public sealed class AmqpTransportOptions : IValidatableObject
{
    public const string Section = "Transport:ServiceBus";

    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>SAS policy name (Service Bus) or user name; empty to authenticate with a token credential.</summary>
    public string KeyName { get; set; } = "";

    /// <summary>SAS key or password; never logged.</summary>
    public string Key { get; set; } = "";

    /// <summary>Put before a queue name to make its node address: "" for Service Bus, "/queue/" for RabbitMQ 3.x.</summary>
    [RegularExpression("^[A-Za-z0-9/_.-]*$", ErrorMessage = "Transport:ServiceBus:AddressPrefix may hold only letters, digits, '/', '_', '.' and '-'.")]
    public string AddressPrefix { get; set; } = "";

    /// <summary>
    /// Renew message locks with Service Bus' <c>com.microsoft:renew-lock</c> on the queue's <c>$management</c> node.
    /// Brokers without it (RabbitMQ holds an unsettled message for as long as its link lives) are detected and skipped.
    /// </summary>
    public bool RenewLocks { get; set; } = true;

    /// <summary>How long opening a connection or a link, and each request, may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesTokenCredential => string.IsNullOrEmpty(KeyName);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { } endpoint && endpoint.Scheme is not ("amqp" or "amqps"))
        {
            yield return new ValidationResult("Transport:ServiceBus:Endpoint must be an amqp:// or amqps:// URI.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrEmpty(KeyName) != string.IsNullOrEmpty(Key))
        {
            yield return new ValidationResult("Transport:ServiceBus:KeyName and Key go together (or both empty for a token credential).", [nameof(Key)]);
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Transport:ServiceBus:OperationTimeout must be between 0 and 5 minutes.", [nameof(OperationTimeout)]);
        }
    }
}
