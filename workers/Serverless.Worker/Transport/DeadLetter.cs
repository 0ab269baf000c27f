using System.Text.Json;

namespace Serverless.Worker.Transport;

/// <summary>
/// A message set aside on a storage queue's poison queue (<c>{queue}-poison</c>, the Functions convention):
/// the original JSON in <see cref="Job"/> when it was JSON, else its raw text in <see cref="Body"/>.
/// Service Bus keeps its own dead-letter sub-queue with the reason in the message's properties instead.
/// </summary>
public sealed record DeadLetter(JsonElement? Job, string? Body, string Reason, long DeliveryCount, DateTimeOffset DeadLetteredAt)
{
    public const string PoisonSuffix = "-poison";

    /// <summary>Reasons are bounded: they travel in message properties and logs.</summary>
    public const int MaxReasonLength = 1024;

    public static string PoisonQueueFor(string queue) => queue + PoisonSuffix;

    public static string Bounded(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
}
