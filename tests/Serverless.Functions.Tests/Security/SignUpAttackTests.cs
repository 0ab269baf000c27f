using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Security;

/// <summary>New accounts start on the unverified plan; account e-mails are kept for the test to read.</summary>
public sealed class VerificationAppFactory : SecurityAppFactory
{
    public RecordedAccountMail Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:UnverifiedPlan", "unverified");
        builder.ConfigureTestServices(services => services.AddSingleton<IAccountMail>(Mail));
    }
}

/// <summary>The account e-mails the app sent, by address.</summary>
public sealed class RecordedAccountMail : IAccountMail
{
    private readonly ConcurrentQueue<AccountMessage> _sent = new();

    public IReadOnlyList<AccountMessage> To(string address) => [.. _sent.Where(m => string.Equals(m.To.Trim(), address.Trim(), StringComparison.OrdinalIgnoreCase))];

    public Task SendAsync(AccountMessage message, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>Attacks on sign-up and sessions: farming fresh accounts, probing which addresses have one, signing someone else out.</summary>
public sealed class SignUpAttackTests(VerificationAppFactory app) : IClassFixture<VerificationAppFactory>
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia: Good morning.";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_new_account_runs_one_task_on_the_unverified_plan_until_the_mailed_link_is_followed()
    {
        var user = await ApiClient.RegisterAsync(_client);
        Assert.Equal("unverified", (await MeAsync(user.AccessToken)).GetProperty("plan").GetString());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.TooManyRequests, ErrorCodes.QuotaExceeded);
        var projects = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(1, projects.GetProperty("data").GetProperty("total").GetInt32());

        var link = LinkIn(Assert.Single(app.Mail.To(user.Email)));
        var verified = await ApiClient.ExpectAsync(await _client.GetAsync(link.PathAndQuery), HttpStatusCode.OK, 0);
        Assert.Equal("free", verified.GetProperty("data").GetProperty("plan").GetString());
        Assert.Equal("free", (await MeAsync(user.AccessToken)).GetProperty("plan").GetString());

        // A link works once.
        await ApiClient.ExpectAsync(await _client.GetAsync(link.PathAndQuery), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ev_usr_00000000000000000000.guess")]
    [InlineData("ev_../../users.x")]
    public async Task A_forged_verification_link_is_refused(string token)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var forged = token.Replace("usr_00000000000000000000", user.UserId, StringComparison.Ordinal);

        var refused = await ApiClient.ExpectAsync(await _client.GetAsync("/api/v1/auth/verify-email?token=" + Uri.EscapeDataString(forged)), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        Assert.Equal("token", refused.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("unverified", (await MeAsync(user.AccessToken)).GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_as_for_a_new_account_and_tells_the_owner()
    {
        var owner = await ApiClient.RegisterAsync(_client);

        var again = await _client.PostAsJsonAsync("/api/v1/auth/register", new { email = "  " + owner.Email.ToUpperInvariant(), password = "another pass 9", username = "Copy" });

        var data = (await ApiClient.ExpectAsync(again, HttpStatusCode.Created, 0)).GetProperty("data");
        var stranger = data.GetProperty("user_id").GetString()!;
        Assert.NotEqual(owner.UserId, stranger);
        Assert.StartsWith("rt_", data.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);

        // The owner hears of it; nothing the stranger holds reaches the owner's account or verifies the address.
        var mails = app.Mail.To(owner.Email);
        Assert.Equal(2, mails.Count);
        Assert.DoesNotContain("verify-email", mails[1].Body, StringComparison.Ordinal);
        Assert.Equal("unverified", (await MeAsync(data.GetProperty("access_token").GetString()!)).GetProperty("plan").GetString());
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "another pass 9" }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        var login = await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password }), HttpStatusCode.OK, 0);
        Assert.Equal(owner.UserId, login.GetProperty("data").GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task An_address_with_characters_a_database_id_cannot_hold_registers_and_signs_in()
    {
        var email = $"a/b?c#{Guid.NewGuid():N}@example.com";

        var user = await ApiClient.RegisterAsync(_client, email);

        var login = await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = user.Password }), HttpStatusCode.OK, 0);
        Assert.Equal(user.UserId, login.GetProperty("data").GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task A_made_up_refresh_secret_for_a_live_session_is_refused_without_signing_it_out()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var session = user.RefreshToken[..user.RefreshToken.IndexOf('.', StringComparison.Ordinal)];

        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = session + ".made-up-secret" }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        // The session lives on: its access token works and its real refresh token still rotates.
        await MeAsync(user.AccessToken);
        var rotated = await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken }), HttpStatusCode.OK, 0);
        var next = rotated.GetProperty("data").GetProperty("refresh_token").GetString()!;

        // A once-valid token presented again still ends the session.
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = next }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    private async Task<System.Text.Json.JsonElement> MeAsync(string accessToken) =>
        (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", accessToken)), HttpStatusCode.OK, 0)).GetProperty("data");

    private static Uri LinkIn(AccountMessage mail)
    {
        var start = mail.Body.IndexOf("http", StringComparison.Ordinal);
        Assert.True(start >= 0, mail.Body);
        return new Uri(mail.Body[start..].Split('\n')[0].Trim());
    }
}
