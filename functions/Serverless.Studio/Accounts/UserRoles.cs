namespace Serverless.Studio.Accounts;

/// <summary>Roles carried as claims: users make videos, creators publish, admins run the service.</summary>
public static class UserRoles
{
    public const string User = "user";
    public const string Creator = "creator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [User, Creator, Admin];
}
