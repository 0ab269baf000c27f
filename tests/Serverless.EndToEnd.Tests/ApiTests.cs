using System.Net;

namespace Serverless.EndToEnd.Tests;

/// <summary>The API's guards: authentication, ownership and bad input, over real HTTP.</summary>
[Collection(StudioStackCollection.Name)]
public sealed class ApiTests(StudioStack stack)
{
    [Fact]
    public async Task A_request_without_an_api_key_is_refused_with_20001()
    {
        var response = await new StudioClient(stack.BaseUrl, apiKey: null).SubmitAsync("小明: 你好");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("20001", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused()
    {
        var response = await new StudioClient(stack.BaseUrl, "sk_wrong_" + new string('x', 40)).GetAsync("api/v1/tasks/tsk_00_00");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_task_and_project_are_not_found()
    {
        var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync("旁白: 夜深了。"));
        var taskId = started.GetProperty("task_id").GetString()!;
        var projectId = started.GetProperty("project_id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await stack.Client.GetAsync($"api/v1/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stack.OtherUser.GetAsync($"api/v1/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stack.OtherUser.GetAsync($"api/v1/projects/{projectId}/storyboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stack.OtherUser.GetAsync($"api/v1/projects/{projectId}/video/download")).StatusCode);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("{\"script\": ", "script")]
    [InlineData("{\"script\": 42}", "script")]
    [InlineData("{\"style\": \"anime\"}", "script")]
    [InlineData("{\"script\": \"小明: 你好\", \"aspect_ratio\": \"4:7\"}", "aspect_ratio")]
    [InlineData("{\"script\": \"小明: 你好\", \"style\": \"oil\"}", "style")]
    public async Task Bad_input_is_a_400_with_code_10002_naming_the_field(string json, string field)
    {
        var response = await stack.Client.PostJsonAsync("api/v1/videos", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":10002", body);
        Assert.Contains($"\"field\":\"{field}\"", body);
    }

    [Fact]
    public async Task An_unknown_task_id_is_a_404_with_code_10003()
    {
        var response = await stack.Client.GetAsync("api/v1/tasks/tsk_0123456789abcdef_abcdef012345");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"code\":10003", await response.Content.ReadAsStringAsync());
    }
}
