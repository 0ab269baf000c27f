using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Serverless.Functions.FunctionsHost;

namespace Serverless.Functions.Tests;

/// <summary>
/// Non-HTTP handlers take the host's documented payload and answer its documented shape. The engine is stopped, so
/// what the durable handlers hand back stays on the queue to be read here.
/// </summary>
public sealed class InvocationTests(EngineStoppedAppFactory app) : IClassFixture<EngineStoppedAppFactory>
{
    [Fact]
    public async Task IncomingScript_answers_nothing_for_a_blob_that_is_gone()
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["script"] = "INT. KITCHEN - DAY\n\nANNA\nGood morning." },
            ["Metadata"] = new JsonObject
            {
                ["name"] = "user-1/breakfast.fountain",
                ["BlobTrigger"] = "incoming/user-1/breakfast.fountain",
                ["Uri"] = "http://127.0.0.1:10000/devstoreaccount1/incoming/user-1/breakfast.fountain",
                ["sys"] = InvocationPayloads.Sys(FunctionNames.IncomingScript),
            },
        };

        var response = await app.CreateClient().PostAsJsonAsync("/IncomingScript", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await InvocationPayloads.ReadResultAsync(response);
        // The event can outlive the blob (deleted before delivery): nothing starts and the log says so.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("ReturnValue").ValueKind);
        Assert.Contains("incoming/user-1/breakfast.fountain: nothing to do", result.GetProperty("Logs")[0].GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CatalogRefresh_reports_whether_the_tick_was_late(bool pastDue)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JsonObject
                    {
                        ["Last"] = now.AddMinutes(-30).ToString("O"),
                        ["Next"] = now.AddMinutes(30).ToString("O"),
                        ["LastUpdated"] = now.AddMinutes(-30).ToString("O"),
                    },
                    ["IsPastDue"] = pastDue,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = InvocationPayloads.Sys(FunctionNames.CatalogRefresh) },
        };

        var response = await app.CreateClient().PostAsJsonAsync("/CatalogRefresh", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await InvocationPayloads.ReadResultAsync(response);
        Assert.Equal(pastDue, result.GetProperty("ReturnValue").GetProperty("IsPastDue").GetBoolean());
    }

    public static TheoryData<string, string> DurableQueues => new()
    {
        { "DurableControl00", "-control-00" },
        { "DurableControl01", "-control-01" },
        { "DurableControl02", "-control-02" },
        { "DurableControl03", "-control-03" },
        { "DurableWorkItems", "-workitems" },
    };

    [Theory]
    [MemberData(nameof(DurableQueues))]
    public async Task Durable_queue_handlers_hand_the_message_back_to_the_engines_queue(string function, string suffix)
    {
        var queue = await QueueAsync(app.RunId + suffix);
        var text = $$"""{"id":"{{Guid.NewGuid():N}}","instanceId":"video-1","kind":"test"}""";

        var response = await app.CreateClient().PostAsJsonAsync("/" + function, InvocationPayloads.QueueMessage(function, JsonValue.Create(text)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await InvocationPayloads.ReadResultAsync(response);
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        var copy = Assert.Single(messages);
        Assert.Equal(text, copy.Body.ToString());
        Assert.Equal(copy.MessageId, result.GetProperty("ReturnValue").GetString());
    }

    [Fact]
    public async Task A_message_the_host_sends_as_parsed_json_goes_back_as_its_json_text()
    {
        var workItems = await QueueAsync(app.RunId + "-workitems");
        var message = new JsonObject { ["id"] = "m-1", ["instanceId"] = "video-2" };

        var response = await app.CreateClient().PostAsJsonAsync("/DurableWorkItems", InvocationPayloads.QueueMessage("DurableWorkItems", message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var copy = Assert.Single((await workItems.PeekMessagesAsync(32)).Value);
        Assert.Equal("m-1", JsonNode.Parse(copy.Body.ToString())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/DurableWorkItems", """{"Data":{},"Metadata":{}}""")]
    [InlineData("/IncomingScript", """{"Data":{"script":"x"},"Metadata":{}}""")]
    [InlineData("/CatalogRefresh", """{"Data":{},"Metadata":{}}""")]
    [InlineData("/CatalogRefresh", """{"Data":""")]
    public async Task An_unusable_payload_fails_the_invocation_with_a_reason(string path, string body)
    {
        var response = await app.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await InvocationPayloads.ReadResultAsync(response);
        Assert.NotEmpty(result.GetProperty("Logs")[0].GetString()!);
    }

    /// <summary>The engine's queue, created and emptied as a fresh task hub has it.</summary>
    private static async Task<QueueClient> QueueAsync(string name)
    {
        var queue = new QueueClient(LocalStack.StorageConnectionString, name);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        return queue;
    }
}

/// <summary>Standalone, the invocation endpoints do not exist: nobody outside the host may feed the engine's queues.</summary>
public sealed class StandaloneTests(StandaloneAppFactory app) : IClassFixture<StandaloneAppFactory>
{
    [Theory]
    [InlineData("/DurableControl00")]
    [InlineData("/DurableWorkItems")]
    [InlineData("/IncomingScript")]
    [InlineData("/CatalogRefresh")]
    public async Task Invocation_endpoints_are_not_mapped(string path)
    {
        var response = await app.CreateClient().PostAsJsonAsync(path, InvocationPayloads.QueueMessage("x", JsonValue.Create("{}")));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
