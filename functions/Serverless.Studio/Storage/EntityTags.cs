namespace Serverless.Studio.Storage;

/// <summary>ETags as HTTP carries them (quoted, perhaps weak) against the ones storage answers (Cosmos' local emulator's are bare).</summary>
public static class EntityTags
{
    /// <summary>Whether an <c>If-Match</c> value names the stored version; "*" matches any stored version.</summary>
    public static bool Same(string ifMatch, string? etag)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var wanted = ifMatch.Trim();
        if (etag is null)
        {
            return false;
        }

        return wanted == "*" || Bare(wanted) == Bare(etag);
    }

    /// <summary>The tag as an <c>ETag</c> header value: quoted, as HTTP wants it.</summary>
    public static string Quoted(string etag)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";
    }

    /// <summary>
    /// Waits a little, longer each time and at random, before an optimistic write that lost a race is redone, so
    /// writers contending for one document spread out instead of colliding again in lockstep.
    /// </summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken = default) =>
        attempt <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);

    private static string Bare(string value) => (value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value).Trim('"');
}
