using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Serverless.Functions.Hosting;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// Under the Functions host the same <see cref="Api.ApiGate"/> runs as worker middleware: an anonymous caller of a
/// function that needs one is answered 401 without invoking it, an anonymous function runs, and a failure is
/// answered in the envelope.
/// </summary>
[Collection(StudioApp.Collection)]
public sealed class ApiGateMiddlewareTests(StudioAppFactory app)
{
    [Fact]
    public async Task A_function_that_needs_a_caller_is_not_invoked_for_an_anonymous_request()
    {
        var (context, http) = Invocation("GetTask", "/api/v1/tasks/tsk_x");
        var invoked = false;

        await Middleware().Invoke(context, _ => { invoked = true; return Task.CompletedTask; });

        Assert.False(invoked);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        Assert.Equal(ErrorCodes.NotLoggedIn, Envelope(http).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_anonymous_function_is_invoked_and_its_failure_answered_in_the_envelope()
    {
        var (context, http) = Invocation("Healthz", "/api/healthz");
        var invoked = false;

        await Middleware().Invoke(context, _ =>
        {
            invoked = true;
            throw new InvalidOperationException("the function failed");
        });

        Assert.True(invoked);
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal(ErrorCodes.System, Envelope(http).GetProperty("code").GetInt32());
    }

    private ApiGateMiddleware Middleware() => ActivatorUtilities.CreateInstance<ApiGateMiddleware>(app.Services);

    private (FunctionContext Context, HttpContext Http) Invocation(string function, string path)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services.CreateScope().ServiceProvider };
        http.Request.Method = "GET";
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(function);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        // Where the worker's ASP.NET Core integration keeps the invocation's HttpContext (read by GetHttpContext()).
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        return (context.Object, http);
    }

    private static JsonElement Envelope(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement;
    }
}
