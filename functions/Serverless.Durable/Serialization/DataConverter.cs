using System.Text.Json;

namespace Serverless.Durable;

/// <summary>Turns inputs, outputs, event payloads and custom status into JSON with the engine's options.</summary>
public sealed class DataConverter(JsonSerializerOptions options)
{
    public JsonSerializerOptions Options { get; } = options;

    public string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public object? Deserialize(string? json, Type type)
    {
        if (json is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    public T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));
}
