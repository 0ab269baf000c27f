using System.Net;
using Microsoft.AspNetCore.Hosting;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Providers;

/// <summary>The app as configured outside Development: loopback is not a public address.</summary>
public sealed class LoopbackRefusedAppFactory : AccountsAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowLoopback", "false");
    }
}

/// <summary>Without the Development allowance a provider on the app's own host is refused.</summary>
public sealed class LoopbackRefusedTests(LoopbackRefusedAppFactory app) : IClassFixture<LoopbackRefusedAppFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:8089/v1")]
    [InlineData("http://[::1]:8089/v1")]
    public async Task A_loopback_provider_is_refused(string baseUrl)
    {
        var client = app.CreateClient();
        var user = await ApiClient.RegisterAsync(client);

        var response = await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/providers", user.AccessToken, new
        {
            kind = "openai-compatible",
            name = "self",
            base_url = baseUrl,
            api_key = "sk-0123456789abcdef",
            models = new { image = new[] { "gpt-image-1" } },
        }));

        var body = await ApiClient.ExpectAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("base_url", body.GetProperty("error").GetProperty("field").GetString());
        Assert.Contains("not a public address", body.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
