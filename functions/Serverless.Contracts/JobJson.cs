using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>The one JSON shape for messages between the function app and the workers.</summary>
public static class JobJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Reads a job from a message body; a body that is not the job gives the reason instead of an exception, so a
    /// transport can dead-letter it with that reason.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> body, out T job, out string error)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            if (value is not null)
            {
                (job, error) = (value, "");
                return true;
            }

            error = "the body is empty";
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            error = exception.Message;
        }

        job = default!;
        return false;
    }
}
