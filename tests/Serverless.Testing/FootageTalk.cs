using Serverless.Captions;
using Serverless.Contracts.Footage;

namespace Serverless.Testing;

/// <summary>What the footage worker would find in a talk, for tests that play the worker: no video is analysed.</summary>
public static class FootageTalk
{
    /// <summary>A 2-minute talk: filler sentences around a pitch that asks a question, answers it and names a price.</summary>
    public static FootageAnalysis Analysis()
    {
        string[] filler =
        [
            "we spent the morning walking around the old part of town", "the weather was grey but nobody really minded it at all",
            "after lunch we sat by the river and watched the boats go by", "there is a small bakery on the corner that opens very early",
        ];
        string[] pitch =
        [
            "so how long does the battery last", "the new camera battery lasts two full days on one charge",
            "and the price is only forty nine dollars with free shipping", "order it today while the limited stock lasts",
        ];
        var lines = filler.Concat(filler).Concat(pitch).Concat(filler).Concat(filler).ToList();
        var (words, regions, cursor) = (new List<CueWord>(), new List<SpeechSpan>(), 1.0);
        foreach (var line in lines)
        {
            cursor += 0.8;
            var start = cursor;
            foreach (var word in line.Split(' '))
            {
                words.Add(new CueWord(word, cursor, cursor + 0.3));
                cursor += 0.35;
            }

            regions.Add(new SpeechSpan(start - 0.05, cursor));
        }

        var seconds = (int)Math.Ceiling(cursor + 2);
        return new FootageAnalysis
        {
            DurationSeconds = cursor + 2,
            Width = 1920,
            Height = 1080,
            Transcript = new FootageTranscript { Source = TranscriptSources.Pocketsphinx, Language = "en", Words = words },
            SpeechRegions = regions,
            SpeechEnergyPerSecond = Enumerable.Repeat(0.5, seconds).ToList(),
            MotionPerSecond = Enumerable.Repeat(0.1, seconds).ToList(),
        };
    }
}
