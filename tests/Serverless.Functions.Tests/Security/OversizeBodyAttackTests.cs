using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Security;

/// <summary>Bodies past the limit, as a client that writes everything before it reads sends them, over a real socket.</summary>
public sealed class OversizeBodyAttackTests : IAsyncLifetime
{
    private readonly SecurityAppFactory _app = new();
    private Uri _address = null!;

    public Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_whole_over_size_body_written_before_reading_gets_413_in_the_envelope_and_stores_nothing()
    {
        using var http = new HttpClient { BaseAddress = _address };
        var user = await ApiClient.RegisterAsync(http);
        var body = new byte[(int)ApplicationServiceExtensions.MaxRequestBodyBytes + (1 << 20)];
        Array.Fill(body, (byte)' ');
        var head = $"POST /api/v1/projects HTTP/1.1\r\nHost: {_address.Authority}\r\nAuthorization: Bearer {user.AccessToken}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";

        using var socket = new TcpClient();
        await socket.ConnectAsync(_address.Host, _address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains($"\"code\":{Serverless.Studio.Pipeline.ErrorCodes.InvalidParameters}", answer, StringComparison.Ordinal);
        Assert.Contains("\"request_id\"", answer, StringComparison.Ordinal);
        var projects = await ApiClient.ExpectAsync(await http.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, projects.GetProperty("data").GetProperty("total").GetInt32());
    }
}
