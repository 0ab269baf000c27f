using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>
/// A shop's product feed: Kestrel on 127.0.0.1 over HTTPS with a self-signed certificate made here, answering
/// <c>/feed.csv</c> with an ETag and 304 to a matching <c>If-None-Match</c>, as a CDN-served feed does, and any
/// <c>*.png</c> with <see cref="Png"/>.
/// </summary>
public sealed class HttpsFeedServer : IAsyncDisposable
{
    /// <summary>The bytes a PNG starts with and a little more: what the picture fetch tells the type from.</summary>
    public static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly ConcurrentQueue<string?> _ifNoneMatch = new();
    private volatile string _csv = "";
    private int _version;

    private HttpsFeedServer(WebApplication app) => _app = app;

    public string FeedUrl { get; private set; } = "";

    public string BaseUrl { get; private set; } = "";

    /// <summary>The path of each request served, in order.</summary>
    public IReadOnlyList<string> Paths => _paths.ToArray();

    /// <summary>The <c>If-None-Match</c> of each request served, in order (null when none was sent).</summary>
    public IReadOnlyList<string?> Requests => _ifNoneMatch.ToArray();

    /// <summary>A new version of the feed, with a new ETag.</summary>
    public void Publish(string csv)
    {
        _csv = csv;
        Interlocked.Increment(ref _version);
    }

    private string ETag => $"\"v{Volatile.Read(ref _version)}\"";

    /// <summary>A self-signed server certificate for 127.0.0.1 and its SHA-256 thumbprint, which no root signed.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=catalog-feed-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the key in a form the platform's TLS can use: a PKCS #12 round trip gives it that.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    public static async Task<HttpsFeedServer> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new HttpsFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.FeedUrl = server.BaseUrl + "/feed.csv";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _paths.Enqueue(path);
        if (path.EndsWith(".png", StringComparison.Ordinal))
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(Png);
            return;
        }

        var ifNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault();
        _ifNoneMatch.Enqueue(ifNoneMatch);
        var etag = ETag;
        if (context.Request.Path != "/feed.csv")
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.Headers.ETag = etag;
        if (ifNoneMatch == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.ContentType = "text/csv";
        await context.Response.WriteAsync(_csv);
    }
}
