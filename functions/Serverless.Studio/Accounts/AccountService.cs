using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Accounts;

/// <summary>Registration and password sign-in. Passwords are kept as ASP.NET Core Identity hashes (PBKDF2).</summary>
public sealed class AccountService(
    AccountStore store,
    IAccountMail mail,
    IOptions<StudioOptions> studio,
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
    public const string VerificationPrefix = "ev_";

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

    /// <summary>
    /// Creates an account on the unverified plan and mails its address a verification link. When the address already
    /// has an account the caller is answered alike, with an account that claims no address (it can never be verified, so
    /// it stays on the unverified plan), and the owner is told by e-mail: registering does not reveal who has an account.
    /// </summary>
    public async Task<UserAccount> RegisterAsync(string email, string password, string username, CancellationToken cancellationToken = default)
    {
        var secret = AccountIds.NewSecret();
        var now = time.GetUtcNow();
        var account = new UserAccount
        {
            Id = AccountIds.NewUserId(),
            Email = email.Trim(),
            Username = username.Trim(),
            PasswordHash = "",
            Role = UserRoles.User,
            Plan = options.Value.UnverifiedPlan,
            CreatedAt = now,
            VerificationDigest = AccountIds.Digest(secret),
            VerificationExpiresAt = now + options.Value.VerificationLinkLifetime,
        };
        account = account with { PasswordHash = hasher.HashPassword(account, password) };
        if (await store.TryCreateAsync(account, cancellationToken))
        {
            var link = new Uri(studio.Value.PublicBaseUrl!, $"/api/v1/auth/verify-email?token={VerificationPrefix}{account.Id}.{secret}");
            await mail.SendAsync(new AccountMessage(account.Email, "Confirm your e-mail address",
                $"Follow this link within {options.Value.VerificationLinkLifetime.TotalDays:0.#} days to confirm your address and unlock your plan:\n{link}"), cancellationToken);
            logger.LogInformation("Account {UserId} registered on plan {Plan}, verification mailed", account.Id, account.Plan);
            return account;
        }

        var unclaimed = account with { VerificationDigest = null, VerificationExpiresAt = null };
        await store.CreateUnclaimedAsync(unclaimed, cancellationToken);
        await mail.SendAsync(new AccountMessage(account.Email, "Someone tried to register with your address",
            "Somebody tried to create an account with this e-mail address, which already has one. If it was you, sign in instead. If not, nothing needs doing: no account was given your address."), cancellationToken);
        logger.LogInformation("Registration for an address already claimed answered with unclaimed account {UserId}; owner notified", unclaimed.Id);
        return unclaimed;
    }

    /// <summary>Verifies the address of the link's account and moves it to the default plan; null when the link is not valid.</summary>
    public async Task<UserAccount?> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > 256 || !token.StartsWith(VerificationPrefix, StringComparison.Ordinal) || dot < 0)
        {
            return null;
        }

        var userId = token[VerificationPrefix.Length..dot];
        if (!userId.StartsWith("usr_", StringComparison.Ordinal) || !userId.Skip(4).All(char.IsAsciiHexDigitLower)
            || await store.FindAsync(userId, cancellationToken) is not { VerificationDigest: { } digest } account
            || account.VerificationExpiresAt <= time.GetUtcNow()
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(digest), System.Text.Encoding.ASCII.GetBytes(AccountIds.Digest(token[(dot + 1)..]))))
        {
            return null;
        }

        account = account with
        {
            VerifiedAt = time.GetUtcNow(),
            VerificationDigest = null,
            VerificationExpiresAt = null,
            Plan = account.Plan == options.Value.UnverifiedPlan ? options.Value.DefaultPlan : account.Plan,
        };
        await store.ReplaceAsync(account, cancellationToken);
        logger.LogInformation("Account {UserId} verified its address; now on plan {Plan}", account.Id, account.Plan);
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
