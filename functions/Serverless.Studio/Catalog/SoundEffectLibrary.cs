using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Catalog;

/// <summary>
/// Finds the catalog's sound effect for a script's cue (<c>[SFX: door knock]</c>): the effect named exactly so, else
/// one whose name contains every word of the cue, else one filed under a category the cue names; case-insensitive.
/// Among several, the shortest name wins (the closest to the cue), then the blob path, so a cue always gets the same
/// effect while the catalog is unchanged.
/// </summary>
public sealed class SoundEffectLibrary(CatalogStore catalog, IOptions<CatalogOptions> options)
{
    public const int MaxCueLength = 100;

    /// <summary>A measured effect is levelled to about the offline voices' loudness, a little under them.</summary>
    public const double EffectLoudnessLufs = -20;

    /// <summary>An effect plays at most this long, so a long ambience file does not run under the rest of the video.</summary>
    public const double MaxPlaySeconds = 20;

    /// <returns>The effect for each cue found in the catalog (keys compared case-insensitively); a cue not found is absent.</returns>
    public async Task<IReadOnlyDictionary<string, RenderSoundEffect>> ResolveAsync(IEnumerable<string> cues, CancellationToken cancellationToken = default)
    {
        var wanted = cues.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = new Dictionary<string, RenderSoundEffect>(StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0)
        {
            return found;
        }

        var effects = (await catalog.ListAsync(CatalogKinds.SoundEffect, cancellationToken)).Where(e => e.Blob is not null).ToList();
        foreach (var cue in wanted)
        {
            if (Match(effects, cue) is { } entry)
            {
                found[cue] = new RenderSoundEffect
                {
                    Sound = new BlobRef(options.Value.Container, entry.Blob!),
                    // The start is the shot's; the timeline fills it in.
                    Start = 0,
                    Volume = VolumeFor(entry),
                    MaxDurationSeconds = MaxPlaySeconds,
                };
            }
        }

        return found;
    }

    /// <summary>The effect for <paramref name="cue"/> by the three rules in order, or null.</summary>
    public static CatalogEntry? Match(IReadOnlyList<CatalogEntry> effects, string cue)
    {
        ArgumentNullException.ThrowIfNull(effects);
        if (string.IsNullOrWhiteSpace(cue) || cue.Length > MaxCueLength)
        {
            return null;
        }

        var words = Words(cue);
        if (words.Count == 0)
        {
            return null;
        }

        var phrase = string.Join(' ', words);
        return Closest(effects.Where(e => string.Join(' ', Words(e.Name)) == phrase))
            ?? Closest(effects.Where(e => words.All(w => e.Name.Contains(w, StringComparison.OrdinalIgnoreCase))))
            ?? Closest(effects.Where(e => string.Join(' ', Words(e.Category)) == phrase || words.Contains(e.Category.ToLowerInvariant())));
    }

    /// <summary>The gain that brings a measured effect to <see cref="EffectLoudnessLufs"/> (never amplified, never silent).</summary>
    public static double VolumeFor(CatalogEntry effect) =>
        effect.LoudnessLufs is { } lufs && double.IsFinite(lufs)
            ? Math.Round(Math.Clamp(Math.Pow(10, (EffectLoudnessLufs - lufs) / 20), 0.05, RenderSoundEffect.MaxVolume), 3)
            : RenderSoundEffect.DefaultVolume;

    private static CatalogEntry? Closest(IEnumerable<CatalogEntry> candidates) =>
        candidates.OrderBy(e => e.Name.Length).ThenBy(e => e.Blob, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Lower-case runs of letters and digits: "Door_Knock-2" and "door knock 2" read the same.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
