using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests;

/// <summary>Invocation requests in the shape the Functions host documents for custom handlers, and response checks.</summary>
public static class InvocationPayloads
{
    public static JsonObject Sys(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O"),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    public static JsonObject QueueMessage(string function, JsonNode message) => new()
    {
        ["Data"] = new JsonObject { ["message"] = message },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = 1,
            ["ExpirationTime"] = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
            ["Id"] = Guid.NewGuid().ToString(),
            ["InsertionTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["NextVisibleTime"] = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"),
            ["PopReceipt"] = "AgAAAAMAAAAAAAAA",
            ["sys"] = Sys(function),
        },
    };

    /// <summary>Checks the documented response shape: exactly Outputs (object), Logs (strings), ReturnValue.</summary>
    public static async Task<JsonElement> ReadResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.All(body.GetProperty("Logs").EnumerateArray(), l => Assert.Equal(JsonValueKind.String, l.ValueKind));
        return body;
    }
}
