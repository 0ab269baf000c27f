namespace Serverless.Studio.Uploads;

/// <summary>Whether a user id names a real user: an upload under an unknown id starts nothing.</summary>
public interface IUserDirectory
{
    Task<bool> ExistsAsync(string userId, CancellationToken cancellationToken = default);
}
