using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Accounts;

/// <summary>Registration and password sign-in. Passwords are kept as ASP.NET Core Identity hashes (PBKDF2).</summary>
public sealed class AccountService(
    AccountStore store,
    SignInFailures failures,
    IPasswordHasher<UserAccount> hasher,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxEmailLength = 254;
    public const int MaxUsernameLength = 64;

    // Verified against when the email is unknown, so a miss costs as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<UserAccount>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    /// <summary>The first problem with a registration, as (field, reason), or null when it is acceptable.</summary>
    public static (string Field, string Reason)? Validate(string? email, string? password, string? username)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > MaxEmailLength || !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
        {
            return ("email", $"a valid email address of at most {MaxEmailLength} characters");
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            return ("password", $"between {MinPasswordLength} and {MaxPasswordLength} characters");
        }

        if (!password.Any(char.IsLetter) || !password.Any(c => !char.IsLetter(c)))
        {
            return ("password", "mix letters with digits or symbols");
        }

        if (string.IsNullOrWhiteSpace(username) || username.Trim().Length > MaxUsernameLength || username.Any(char.IsControl))
        {
            return ("username", $"1 to {MaxUsernameLength} printable characters");
        }

        return null;
    }

    /// <summary>Creates an account on the default plan with the user role; null when the email is taken.</summary>
    public async Task<UserAccount?> RegisterAsync(string email, string password, string username, CancellationToken cancellationToken = default)
    {
        var account = new UserAccount
        {
            Id = AccountIds.NewUserId(),
            Email = email.Trim(),
            Username = username.Trim(),
            PasswordHash = "",
            Role = UserRoles.User,
            Plan = options.Value.DefaultPlan,
            CreatedAt = time.GetUtcNow(),
        };
        account = account with { PasswordHash = hasher.HashPassword(account, password) };
        if (!await store.TryCreateAsync(account, cancellationToken))
        {
            return null;
        }

        logger.LogInformation("Account {UserId} registered on plan {Plan}", account.Id, account.Plan);
        return account;
    }

    /// <summary>The account whose password matches, or null; an old hash format is upgraded on the way.</summary>
    public async Task<UserAccount?> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var account = await store.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return null;
        }

        // Checked before the password, so a locked account tells a guesser nothing about the guess.
        if (await failures.LockedForAsync(account.Id, cancellationToken) is { } wait)
        {
            logger.LogWarning("Sign-in of account {UserId} refused: too many wrong passwords lately", account.Id);
            throw new SignInLockedException(wait);
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            logger.LogInformation("Failed sign-in for account {UserId}", account.Id);
            await failures.RecordAsync(account.Id, cancellationToken);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account = account with { PasswordHash = hasher.HashPassword(account, password) };
            await store.ReplaceAsync(account, cancellationToken);
        }

        return account;
    }

    /// <summary>An admin's change of another user's role or plan; null when there is no such user.</summary>
    public async Task<UserAccount?> ChangeAccessAsync(string userId, string? role, string? plan, CancellationToken cancellationToken = default)
    {
        var account = await store.FindAsync(userId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        account = account with { Role = role ?? account.Role, Plan = plan ?? account.Plan };
        await store.ReplaceAsync(account, cancellationToken);
        logger.LogInformation("Account {UserId} now has role {Role} on plan {Plan}", account.Id, account.Role, account.Plan);
        return account;
    }
}
