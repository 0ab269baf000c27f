using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Catalog;

/// <summary>
/// Picks background music from the catalog for a video: a track by its id, or one of a category's tracks chosen by
/// the video's seed (the same request gets the same track).
/// </summary>
public sealed class MusicLibrary(CatalogStore catalog, IOptions<CatalogOptions> options)
{
    public const int MaxNameLength = 100;

    /// <summary>Quiet enough under the voices even before ducking, for a track whose loudness is unknown.</summary>
    public const double BedVolume = 0.3;

    /// <summary>
    /// Where a measured track is levelled to: 5-10 LU under the offline voices (espeak-ng about -17.5 LUFS, festival
    /// about -23 LUFS as measured here), so music is heard between lines and never competes with a line even before
    /// ducking.
    /// </summary>
    public const double BedLoudnessLufs = -28;

    /// <returns>The track to play, or null when no track has that id and no category that name.</returns>
    public async Task<RenderMusic?> ChooseAsync(string idOrCategory, int seed, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(idOrCategory) || idOrCategory.Length > MaxNameLength)
        {
            return null;
        }

        var tracks = (await catalog.ListAsync(CatalogKinds.Music, cancellationToken)).Where(e => e.Blob is not null).ToList();
        var chosen = tracks.FirstOrDefault(e => e.Id == idOrCategory);
        if (chosen is null)
        {
            var category = tracks.Where(e => string.Equals(e.Category, idOrCategory, StringComparison.OrdinalIgnoreCase)).ToList();
            chosen = category.Count == 0 ? null : category[(int)((uint)seed % (uint)category.Count)];
        }

        return chosen is null
            ? null
            : new RenderMusic { Track = new BlobRef(options.Value.Container, chosen.Blob!), Volume = VolumeFor(chosen), DuckUnderSpeech = true };
    }

    /// <summary>The gain that brings a measured track to <see cref="BedLoudnessLufs"/> (never amplified, never silent).</summary>
    public static double VolumeFor(CatalogEntry track) =>
        track.LoudnessLufs is { } lufs && double.IsFinite(lufs)
            ? Math.Round(Math.Clamp(Math.Pow(10, (BedLoudnessLufs - lufs) / 20), 0.02, RenderMusic.MaxVolume), 3)
            : BedVolume;
}
