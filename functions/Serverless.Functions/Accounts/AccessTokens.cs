using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Studio.Accounts;

namespace Serverless.Functions.Accounts;

/// <summary>A signed access token and when it stops being accepted.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues the API's access tokens and describes how they are validated; both sides read the same options.</summary>
public sealed class AccessTokens(IOptions<JwtOptions> options, TimeProvider time)
{
    /// <summary>Claim naming the sign-in session a token belongs to; signing out revokes it.</summary>
    public const string SessionClaim = "sid";

    public const string RoleClaim = "role";

    private static readonly JsonWebTokenHandler Handler = new();

    public AccessToken Issue(string userId, string role, string sessionId)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow();
        var expires = now + jwt.AccessTokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = userId,
                [RoleClaim] = role,
                [SessionClaim] = sessionId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(SigningKey(jwt), SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expires);
    }

    public static SymmetricSecurityKey SigningKey(JwtOptions jwt) => new(Encoding.UTF8.GetBytes(jwt.SigningKey));

    /// <summary>
    /// Only HS256 with our key, issuer and audience; "none" and every other algorithm are refused, and an expired
    /// token is refused with at most 30 seconds of clock skew.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions jwt) => new()
    {
        ValidIssuer = jwt.Issuer,
        ValidAudience = jwt.Audience,
        IssuerSigningKey = SigningKey(jwt),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = RoleClaim,
    };

    /// <summary>The roles a caller may hold.</summary>
    public static bool IsRole(string role) => UserRoles.All.Contains(role);
}
