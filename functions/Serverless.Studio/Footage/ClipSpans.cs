using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Footage;

/// <summary>
/// Spans the user adjusted in the studio (a highlight's edges dragged, or a span drawn anew): inside the footage, as long
/// as the picker allows, at most the plan's clips, and each edge moved into a silence by the picker's own cut rule. A span
/// that lands where a highlight already is reuses it; any other joins the footage's highlights under a new id.
/// </summary>
public sealed class ClipSpans(AssetStore blobs, HighlightPicker picker, IOptions<HighlightOptions> options)
{
    public async Task<(IReadOnlyList<Highlight> Chosen, IReadOnlyList<Highlight> All, Outcome<FootageTaskStarted>? Problem)> ChooseAsync(
        FootageRecord record, IReadOnlyList<ClipSpan> spans, FootageAllowance allowance, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (spans.Count > allowance.MaxClips)
        {
            return Refused("spans", $"at most {allowance.MaxClips} spans per request ({allowance.ClipLimit})");
        }

        var duration = record.DurationSeconds ?? 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = (spans[i].Start, spans[i].End);
            if (start is not { } s || end is not { } e || !double.IsFinite(s) || !double.IsFinite(e) || s < 0 || e > duration || e <= s)
            {
                return Refused($"spans[{i}]", $"start and end in seconds with 0 <= start < end <= {duration:0.###} (the footage)");
            }

            if (e - s < o.MinSeconds || e - s > o.MaxSeconds)
            {
                return Refused($"spans[{i}]", $"between {o.MinSeconds:0.#} and {o.MaxSeconds:0.#} seconds long");
            }

            if (spans[i].HighlightId is { } id && record.Highlights.All(h => h.Id != id))
            {
                return Refused($"spans[{i}].highlight_id", $"an id of this footage's highlights; it has no '{(id.Length > 40 ? id[..40] : id)}'");
            }
        }

        if (record.Analysis is not { } analysisBlob)
        {
            return ([], [], Outcome<FootageTaskStarted>.Conflict("the footage's analysis is not available"));
        }

        var analysis = await LoadAsync(blobs, record.Id, analysisBlob, cancellationToken);
        var all = record.Highlights.ToList();
        var chosen = new List<Highlight>();
        for (var i = 0; i < spans.Count; i++)
        {
            if (picker.Snap(analysis, spans[i].Start!.Value, spans[i].End!.Value) is not var (start, end)
                || end - start < o.MinSeconds - 0.001 || end - start > o.MaxSeconds + 0.001)
            {
                return Refused($"spans[{i}]", $"edges near silences {o.MinSeconds:0.#} to {o.MaxSeconds:0.#} seconds apart: no cut without speech fits these");
            }

            var same = all.FirstOrDefault(h => Math.Abs(h.Start - start) < 0.001 && Math.Abs(h.End - end) < 0.001);
            if (same is null)
            {
                var from = all.FirstOrDefault(h => h.Id == spans[i].HighlightId);
                var text = string.Join(' ', analysis.Transcript.Words.Where(w => w.Start >= start && w.End <= end).Select(w => w.Text));
                same = new Highlight($"hl_{all.Count + 1}", start, end, from?.Score ?? 0, from is null ? "chosen by the user" : $"{from.Reason}; edges moved by the user", text);
                all.Add(same);
            }

            chosen.Add(same);
        }

        return (chosen, all, null);
    }

    /// <summary>The worker's measurements of a footage, which the picker reads again for a new ask.</summary>
    public static async Task<FootageAnalysis> LoadAsync(AssetStore blobs, string footageId, BlobRef analysis, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<FootageAnalysis>(await blobs.DownloadAsync(analysis, cancellationToken), JobJson.Options)
            ?? throw new InvalidDataException($"The analysis of footage {footageId} is empty.");

    private static (IReadOnlyList<Highlight>, IReadOnlyList<Highlight>, Outcome<FootageTaskStarted>?) Refused(string field, string expected) =>
        ([], [], Outcome<FootageTaskStarted>.Invalid(field, expected));
}
