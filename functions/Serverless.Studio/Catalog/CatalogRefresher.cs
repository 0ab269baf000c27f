using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.AzureOpenAI;
using CliWrap.Buffered;

namespace Serverless.Studio.Catalog;

/// <summary>
/// Re-indexes the catalog: every audio file under <c>bgm/{category}/</c> and <c>sfx/</c> in the catalog container
/// becomes an entry (changed files by ETag), entries whose file is gone are removed, and the voices of the speech
/// providers in use are listed afresh.
/// </summary>
public sealed class CatalogRefresher(
    BlobServiceClient blobs,
    CatalogStore store,
    IOptions<CatalogOptions> options,
    IOptions<AzureOpenAIOptions> azureOpenAI,
    TimeProvider time,
    ILogger<CatalogRefresher> logger)
{
    /// <summary>Files larger than this are listed but not downloaded to be measured.</summary>
    public const long MaxMeasuredBytes = 200L * 1024 * 1024;

    public static readonly IReadOnlyList<string> AudioExtensions = [".mp3", ".wav", ".flac", ".ogg", ".m4a", ".aac", ".opus"];

    public async Task<CatalogRefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(options.Value.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        int added = 0, updated = 0, removed = 0, unchanged = 0;
        foreach (var kind in new[] { CatalogKinds.Music, CatalogKinds.SoundEffect })
        {
            var indexed = (await store.ListAsync(kind, cancellationToken)).ToDictionary(e => e.Id);
            var found = new HashSet<string>();
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = kind + "/" }, cancellationToken))
            {
                if (ToEntry(kind, blob) is not { } entry)
                {
                    continue;
                }

                found.Add(entry.Id);
                if (indexed.TryGetValue(entry.Id, out var known) && known.ETag == entry.ETag)
                {
                    unchanged++;
                    continue;
                }

                await store.UpsertAsync(await MeasuredAsync(container, entry, cancellationToken), cancellationToken);
                if (known is null)
                {
                    added++;
                }
                else
                {
                    updated++;
                }
            }

            foreach (var gone in indexed.Values.Where(e => !found.Contains(e.Id)))
            {
                await store.DeleteAsync(gone, cancellationToken);
                removed++;
            }
        }

        var voices = await RefreshVoicesAsync(cancellationToken);
        var result = new CatalogRefreshResult(added, updated, removed, unchanged, voices);
        logger.LogInformation("Catalog refreshed: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Voices} voices",
            added, updated, removed, unchanged, voices);
        return result;
    }

    /// <summary>The entry with its duration and loudness, measured from a local copy of the file (bounded in size).</summary>
    private async Task<CatalogEntry> MeasuredAsync(BlobContainerClient container, CatalogEntry entry, CancellationToken cancellationToken)
    {
        if (entry.SizeBytes is null or > MaxMeasuredBytes)
        {
            logger.LogWarning("Catalog file {Blob} is not measured: {Size} bytes is over the {Limit} byte limit", entry.Blob, entry.SizeBytes, MaxMeasuredBytes);
            return entry;
        }

        var file = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}{Path.GetExtension(entry.Blob)}");
        try
        {
            await container.GetBlobClient(entry.Blob).DownloadToAsync(file, cancellationToken);
            var measure = await AudioProbe.MeasureAsync(file, cancellationToken);
            if (measure is null)
            {
                logger.LogWarning("Catalog file {Blob} could not be read as audio; it is listed without duration or loudness", entry.Blob);
                return entry;
            }

            return entry with { DurationSeconds = Math.Round(measure.DurationSeconds, 3), LoudnessLufs = Math.Round(measure.LoudnessLufs, 1) };
        }
        finally
        {
            File.Delete(file);
        }
    }

    private CatalogEntry? ToEntry(string kind, BlobItem blob)
    {
        var extension = Path.GetExtension(blob.Name).ToLowerInvariant();
        if (!AudioExtensions.Contains(extension))
        {
            return null;
        }

        // bgm/{category}/{file}; sfx/{file} or sfx/{category}/{file}. Deeper folders belong to their first level.
        var parts = blob.Name.Split('/');
        var category = parts.Length >= 3 ? parts[1] : kind == CatalogKinds.Music ? "uncategorized" : "general";
        return new CatalogEntry
        {
            Id = Id(kind, blob.Name),
            Kind = kind,
            Name = Path.GetFileNameWithoutExtension(parts[^1]),
            Category = category.ToLowerInvariant(),
            Blob = blob.Name,
            ETag = blob.Properties.ETag?.ToString(),
            SizeBytes = blob.Properties.ContentLength,
            ContentType = blob.Properties.ContentType,
            IndexedAt = time.GetUtcNow(),
        };
    }

    private async Task<int> RefreshVoicesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var voices = new List<CatalogEntry>();
        try
        {
            voices.AddRange((await EspeakVariantsAsync(cancellationToken)).Select(v => Voice("espeak-ng", v.Name, v.Gender, now)));
        }
        catch (Exception e) when (e is CliWrap.Exceptions.CommandExecutionException or System.ComponentModel.Win32Exception)
        {
            // Without the engine's own list, the last known one stays: removing every offline voice would be wrong.
            logger.LogWarning(e, "espeak-ng did not list its voices; the catalog keeps the voices it had");
            return -1;
        }

        var cloud = azureOpenAI.Value;
        if (cloud.HasSpeech)
        {
            voices.AddRange(cloud.FemaleVoices.Select(v => Voice("azure-openai", v, "female", now)));
            voices.AddRange(cloud.MaleVoices.Select(v => Voice("azure-openai", v, "male", now)));
        }

        var current = voices.Select(v => v.Id).ToHashSet();
        foreach (var stale in (await store.ListAsync(CatalogKinds.Voice, cancellationToken)).Where(v => !current.Contains(v.Id)))
        {
            await store.DeleteAsync(stale, cancellationToken);
        }

        foreach (var voice in voices)
        {
            await store.UpsertAsync(voice, cancellationToken);
        }

        return voices.Count;
    }

    /// <summary>The timbre variants the installed espeak-ng offers (<c>--voices=variant</c>: "5 variant 70/F female1 !v/f1").</summary>
    private static async Task<IReadOnlyList<(string Name, string Gender)>> EspeakVariantsAsync(CancellationToken cancellationToken)
    {
        var result = await CliWrap.Cli.Wrap("espeak-ng").WithArguments("--voices=variant")
            .ExecuteBufferedAsync(cancellationToken);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length >= 5 && columns[1] == "variant" && columns[4].StartsWith("!v/", StringComparison.Ordinal))
            .Select(columns => (columns[4][3..], columns[2].EndsWith("/F", StringComparison.Ordinal) ? "female" : "male"))
            .ToList();
    }

    private static CatalogEntry Voice(string provider, string name, string category, DateTimeOffset now) => new()
    {
        Id = Id(CatalogKinds.Voice, $"{provider}/{name}"),
        Kind = CatalogKinds.Voice,
        Name = name,
        Category = category,
        Provider = provider,
        IndexedAt = now,
    };

    private static string Id(string kind, string key) =>
        kind + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
