using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Imports a platform's ad results for a catalog's videos from CSV (columns <c>date,video_id,spend,gmv,impressions,
/// clicks,conversions</c> and optionally <c>platform</c>), checked row by row like a product import. A row names one
/// of the catalog's videos; the same platform, day and video imported again replaces the earlier figures.
/// </summary>
public sealed partial class AdResultImport(
    AdResultStore results, CatalogVideoStore videos, IOptions<ProductCatalogOptions> options, TimeProvider time, ILogger<AdResultImport> logger)
{
    private static readonly string[] Columns = ["date", "video_id", "spend", "gmv", "impressions", "clicks", "conversions", "platform"];
    private const decimal MaxMoney = 1_000_000_000m;

    /// <summary>Whether a platform name is one we take: 1 to 32 lower-case letters, digits, '-' or '_'.</summary>
    public static bool IsPlatform(string platform) => PlatformPattern().IsMatch(platform);

    public async Task<ImportReport> ImportAsync(string userId, string catalogId, string? platform, Stream body, CancellationToken cancellationToken)
    {
        var known = (await videos.ListByCatalogAsync(userId, catalogId, cancellationToken)).Select(v => v.VideoId).ToHashSet(StringComparer.Ordinal);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = new List<RefusedRow>();
        var batch = new List<AdResult>();
        var accepted = 0;
        await foreach (var record in CsvTable.ReadAsync(body, Columns, ["date", "video_id"], options.Value.MaxRowChars, cancellationToken))
        {
            if (record.Row > options.Value.MaxAdResultRows)
            {
                refused.Add(new RefusedRow(record.Row, null, $"an import reads at most {options.Value.MaxAdResultRows} rows; this row and the rest were not read"));
                break;
            }

            var (result, reason) = record.Unreadable is { } unreadable ? (null, unreadable) : Check(userId, catalogId, platform, record.Cells, known);
            var videoId = record.Unreadable is null ? record.Cells[1] : null;
            if (result is null)
            {
                refused.Add(new RefusedRow(record.Row, string.IsNullOrEmpty(videoId) || videoId.Length > 64 ? null : videoId, reason!));
                continue;
            }

            if (!firstRow.TryAdd(result.Id, record.Row))
            {
                refused.Add(new RefusedRow(record.Row, result.VideoId, $"duplicate platform, date and video (first on row {firstRow[result.Id]})"));
                continue;
            }

            batch.Add(result);
            if (batch.Count >= options.Value.Concurrency * 8)
            {
                accepted += await WriteAsync(batch, cancellationToken);
            }
        }

        accepted += await WriteAsync(batch, cancellationToken);
        logger.LogInformation("Imported ad results of catalog {CatalogId}: {Accepted} accepted, {Refused} refused", catalogId, accepted, refused.Count);
        return new ImportReport(accepted, 0, refused, PicturesPending: false);
    }

    private (AdResult? Result, string? Reason) Check(string userId, string catalogId, string? platformOfRequest, IReadOnlyList<string?> cells, HashSet<string> known)
    {
        var platform = (string.IsNullOrEmpty(cells[7]) ? platformOfRequest : cells[7])?.ToLowerInvariant();
        if (string.IsNullOrEmpty(platform) || !IsPlatform(platform))
        {
            return (null, "platform is missing or not 1 to 32 letters, digits, '-' or '_' (the platform query or column)");
        }

        if (!DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, "date must be YYYY-MM-DD");
        }

        if (date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
        {
            return (null, "date is in the future");
        }

        var videoId = cells[1];
        if (string.IsNullOrEmpty(videoId) || !known.Contains(videoId))
        {
            return (null, "video_id is not a video of this catalog");
        }

        if (!TryMoney(cells[2], out var spend))
        {
            return (null, $"spend must be a number from 0 to {MaxMoney:0} with a '.' point");
        }

        if (!TryMoney(cells[3], out var gmv))
        {
            return (null, $"gmv must be a number from 0 to {MaxMoney:0} with a '.' point");
        }

        if (!TryCount(cells[4], out var impressions) || !TryCount(cells[5], out var clicks) || !TryCount(cells[6], out var conversions))
        {
            return (null, "impressions, clicks and conversions must be whole numbers from 0");
        }

        if (clicks > impressions)
        {
            return (null, "clicks exceed impressions");
        }

        return (new AdResult
        {
            Id = AdResult.DocumentId(catalogId, platform, date, videoId),
            UserId = userId,
            CatalogId = catalogId,
            Platform = platform,
            Date = date,
            VideoId = videoId,
            Spend = spend,
            Gmv = gmv,
            Impressions = impressions,
            Clicks = clicks,
            Conversions = conversions,
            ImportedAt = time.GetUtcNow(),
        }, null);
    }

    private async Task<int> WriteAsync(List<AdResult> batch, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (result, token) => await results.UpsertAsync(result, token));
        var written = batch.Count;
        batch.Clear();
        return written;
    }

    // An empty cell is zero: a platform leaves a column blank on days without spend.
    private static bool TryMoney(string? text, out decimal value)
    {
        value = 0;
        return string.IsNullOrEmpty(text)
            || (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value < MaxMoney);
    }

    private static bool TryCount(string? text, out long value)
    {
        value = 0;
        return string.IsNullOrEmpty(text) || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value < 1_000_000_000_000L);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex PlatformPattern();
}
