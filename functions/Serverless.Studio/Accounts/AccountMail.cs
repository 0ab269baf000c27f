using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Accounts;

/// <summary>One e-mail to an account's address: a verification link, or a notice to its owner.</summary>
public sealed record AccountMessage(string To, string Subject, string Body);

/// <summary>Where account e-mails go: an SMTP server when one is configured, else the log (local runs).</summary>
public interface IAccountMail
{
    Task SendAsync(AccountMessage message, CancellationToken cancellationToken = default);
}

/// <summary>The SMTP server account e-mails are sent through (<c>Accounts:Mail</c>); none configured means they are logged.</summary>
public sealed class AccountMailOptions
{
    public const string Section = "Accounts:Mail";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "no-reply@localhost";
}

/// <summary>Sends account e-mails through the configured SMTP server.</summary>
public sealed class SmtpAccountMail(IOptions<AccountMailOptions> options) : IAccountMail
{
    public async Task SendAsync(AccountMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body);
        await client.SendMailAsync(mail, cancellationToken);
    }
}

/// <summary>
/// Without an SMTP server (local runs) account e-mails are written to the log, so whoever runs the stack can follow a
/// verification link. Never configured where users sign up for real: the log then holds their links.
/// </summary>
public sealed class LoggedAccountMail(ILogger<LoggedAccountMail> logger) : IAccountMail
{
    public Task SendAsync(AccountMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogInformation("Account e-mail to {To}: {Subject}\n{Body}", message.To, message.Subject, message.Body);
        return Task.CompletedTask;
    }
}
