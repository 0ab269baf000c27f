using Serverless.Captions;
using Serverless.Contracts.Footage;

namespace Serverless.Studio.Tests.Footage;

/// <summary>
/// A footage analysis laid out sentence by sentence, as the worker would measure it: words 0.3 s apart by
/// <see cref="WordGap"/>, sentences apart by their pause, the voice detector's regions a little wider than the words.
/// </summary>
internal sealed class FootageFixture
{
    public const double WordSeconds = 0.3;
    public const double WordGap = 0.05;
    public const double VadPadding = 0.05;

    private readonly List<CueWord> _words = [];
    private readonly List<SpeechSpan> _regions = [];
    private double _cursor = 1.0;

    /// <summary>A sentence after a pause; <paramref name="breath"/> puts a short pause the detector does not split after that many words.</summary>
    public FootageFixture Say(string sentence, double pauseBefore = 0.8, int? breath = null)
    {
        _cursor += pauseBefore;
        var start = _cursor;
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            _words.Add(new CueWord(words[i], _cursor, _cursor + WordSeconds));
            _cursor += WordSeconds + (breath == i + 1 ? 0.2 : WordGap);
        }

        _cursor -= WordGap;
        _regions.Add(new SpeechSpan(start - VadPadding, _cursor + VadPadding));
        return this;
    }

    public FootageAnalysis Analysis(bool withWords = true, double tail = 2.0, string language = "en")
    {
        var duration = _cursor + tail;
        var seconds = (int)Math.Ceiling(duration);
        return new FootageAnalysis
        {
            DurationSeconds = duration,
            Width = 1920,
            Height = 1080,
            Transcript = new FootageTranscript
            {
                Source = withWords ? TranscriptSources.Pocketsphinx : TranscriptSources.None,
                Language = language,
                Words = withWords ? _words.ToList() : [],
                Note = withWords ? null : "No offline speech recognizer for this language.",
            },
            SpeechRegions = _regions.ToList(),
            SceneChanges = [],
            LoudnessPerSecond = Enumerable.Repeat(-23.0, seconds).ToList(),
            SpeechEnergyPerSecond = Enumerable.Range(0, seconds).Select(s => SpeechShare(s)).ToList(),
            MotionPerSecond = Enumerable.Repeat(0.05, seconds).ToList(),
        };
    }

    public IReadOnlyList<CueWord> Words => _words;

    public IReadOnlyList<SpeechSpan> Regions => _regions;

    private double SpeechShare(int second) =>
        _regions.Sum(r => Math.Max(0, Math.Min(r.End, second + 1) - Math.Max(r.Start, second)));
}
