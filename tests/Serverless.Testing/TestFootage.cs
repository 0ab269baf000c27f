using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Serverless.Testing;

/// <summary>A line of the talk: festival English or espeak-ng Mandarin, then a pause.</summary>
public sealed record FootageLine(string Text, bool Mandarin = false, double PauseAfter = 0.9);

/// <summary>What a footage is made of: its lines in order, and its picture size. Its hash names its cache folder.</summary>
public sealed record FootageRecipe(string Name, IReadOnlyList<FootageLine> Lines, int Width = 1280, int Height = 720, int FramesPerSecond = 25);

/// <summary>Where a line was said in the footage (its synthesized clip, leading and trailing quiet included).</summary>
public sealed record SpokenLine(string Text, bool Mandarin, double Start, double End);

/// <summary>A made footage: the file, and the truth about it that tests compare analyses with.</summary>
public sealed record MadeFootage(string Path, double DurationSeconds, int Width, int Height, IReadOnlyList<SpokenLine> Lines, IReadOnlyList<double> Cuts)
{
    /// <summary>Where the sound is silent between two lines: the middle of each pause, a safe place to cut.</summary>
    public IReadOnlyList<double> PauseMiddles => Lines.Zip(Lines.Skip(1), (a, b) => (a.End + b.Start) / 2).ToList();
}

/// <summary>
/// Makes a talk over moving scenes with hard cuts, the way a seller's recording looks: festival English with pauses,
/// product words and a price, then a Mandarin part (espeak-ng), over ffmpeg test scenes (testsrc2, and a box moving on
/// one side of a plain ground) cut every 7-13 s. Made once per recipe and kept in the temp folder under the recipe's
/// hash, so tests and the benchmark share it.
/// </summary>
public static class TestFootage
{
    private const int SampleRate = 16000;
    private const int Version = 1;
    private static readonly double[] SceneLengths = [9, 13, 7, 11];
    private static readonly SemaphoreSlim Making = new(1, 1);

    /// <summary>About 40 s at 640x360: two English paragraphs and a Mandarin line, for most tests (quick to make and decode).</summary>
    public static FootageRecipe Short => new("short", [.. Talk.Take(7), .. Mandarin.Take(1)], Width: 640, Height: 360);

    /// <summary>About five minutes: the whole talk and the Mandarin part, for the acceptance test and the benchmark.</summary>
    public static FootageRecipe Full => new("full", [.. Talk, .. Talk.Select(l => l with { Text = "And again. " + l.Text }), .. Talk.Take(10).Select(l => l with { Text = "One more time. " + l.Text }), .. Mandarin]);

    public static async Task<MadeFootage> MakeAsync(FootageRecipe recipe, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "serverless-footage", $"{recipe.Name}-{Hash(recipe)}");
        var manifest = Path.Combine(folder, "footage.json");
        await Making.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(manifest))
            {
                return JsonSerializer.Deserialize<MadeFootage>(await File.ReadAllTextAsync(manifest, cancellationToken))!;
            }

            var work = Directory.CreateDirectory(folder + ".partial-" + Guid.NewGuid().ToString("N")).FullName;
            var made = await BuildAsync(recipe, work, cancellationToken);
            Directory.CreateDirectory(folder);
            var video = Path.Combine(folder, "footage.mp4");
            File.Move(Path.Combine(work, "footage.mp4"), video, overwrite: true);
            made = made with { Path = video };
            await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(made), cancellationToken);
            Directory.Delete(work, recursive: true);
            return made;
        }
        finally
        {
            Making.Release();
        }
    }

    private static async Task<MadeFootage> BuildAsync(FootageRecipe recipe, string work, CancellationToken cancellationToken)
    {
        var samples = new List<short>();
        var lines = new List<SpokenLine>();
        AddSilence(samples, 1.0);
        for (var i = 0; i < recipe.Lines.Count; i++)
        {
            var line = recipe.Lines[i];
            var raw = Path.Combine(work, $"line{i}.wav");
            if (line.Mandarin)
            {
                await ExternalTool.RunAsync("espeak-ng", ["-v", "cmn-latn-pinyin", "-w", raw, line.Text], cancellationToken);
            }
            else
            {
                var text = Path.Combine(work, $"line{i}.txt");
                await File.WriteAllTextAsync(text, line.Text, cancellationToken);
                await ExternalTool.RunAsync("text2wave", ["-o", raw, text], cancellationToken);
            }

            var pcm = Path.Combine(work, $"line{i}.raw");
            await ExternalTool.RunAsync("sox", [raw, "-r", SampleRate.ToString(CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", pcm], cancellationToken);
            var bytes = await File.ReadAllBytesAsync(pcm, cancellationToken);
            var start = (double)samples.Count / SampleRate;
            for (var k = 0; k + 1 < bytes.Length; k += 2)
            {
                samples.Add(BitConverter.ToInt16(bytes, k));
            }

            lines.Add(new SpokenLine(line.Text, line.Mandarin, Math.Round(start, 3), Math.Round((double)samples.Count / SampleRate, 3)));
            AddSilence(samples, line.PauseAfter);
        }

        AddSilence(samples, 1.0);
        var speech = Path.Combine(work, "speech.wav");
        await WriteWavAsync(speech, samples, cancellationToken);
        var duration = (double)samples.Count / SampleRate;

        var (graph, cuts) = Scenes(recipe, duration);
        await File.WriteAllTextAsync(Path.Combine(work, "scenes.txt"), graph, cancellationToken);
        await ExternalTool.RunAsync("ffmpeg",
            ["-hide_banner", "-v", "error", "-y", "-filter_complex_script", Path.Combine(work, "scenes.txt"), "-i", speech,
             "-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
             "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-t", F(duration), Path.Combine(work, "footage.mp4")],
            cancellationToken);
        return new MadeFootage("", Math.Round(duration, 3), recipe.Width, recipe.Height, lines, cuts);
    }

    /// <summary>The picture: scenes of alternating kinds, each cut hard to the next, as long as the sound.</summary>
    private static (string Graph, IReadOnlyList<double> Cuts) Scenes(FootageRecipe recipe, double duration)
    {
        var (w, h, r) = (recipe.Width, recipe.Height, recipe.FramesPerSecond);
        var parts = new List<string>();
        var labels = new StringBuilder();
        var cuts = new List<double>();
        var at = 0.0;
        for (var i = 0; at < duration; i++)
        {
            var length = Math.Min(SceneLengths[i % SceneLengths.Length], duration - at);
            var d = F(length);
            var box = Math.Min(w, h) / 3;
            parts.Add((i % 3) switch
            {
                0 => $"testsrc2=s={w}x{h}:r={r}:d={d},hue=h={i * 47 % 360}[s{i}]",
                // A subject moving about one side of a still ground: a crop should follow it.
                1 => $"color=c=0x1e2a3a:s={w}x{h}:r={r}:d={d}[g{i}];color=c=0xe0a030:s={box}x{box}:r={r}:d={d}[b{i}];" +
                     $"[g{i}][b{i}]overlay=x='W*0.05+W*0.25*(0.5+0.5*sin(t*1.3))':y='(H-h)/2+H*0.15*sin(t*0.9)':shortest=1[s{i}]",
                _ => $"color=c=0xc8b48c:s={w}x{h}:r={r}:d={d}[g{i}];color=c=0x2040a0:s={box}x{box}:r={r}:d={d}[b{i}];" +
                     $"[g{i}][b{i}]overlay=x='W*0.6+W*0.2*(0.5+0.5*sin(t*1.1))':y='(H-h)/2+H*0.2*cos(t*0.7)':shortest=1[s{i}]",
            });
            labels.Append($"[s{i}]");
            at += length;
            if (at < duration - 0.01)
            {
                cuts.Add(Math.Round(at, 3));
            }
        }

        parts.Add($"{labels}concat=n={cuts.Count + 1}:v=1:a=0,format=yuv420p[v]");
        return (string.Join(";\n", parts), cuts);
    }

    private static void AddSilence(List<short> samples, double seconds) => samples.AddRange(new short[(int)Math.Round(seconds * SampleRate)]);

    private static async Task WriteWavAsync(string path, List<short> samples, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        using var writer = new BinaryWriter(file);
        var dataBytes = samples.Count * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(SampleRate);
        writer.Write(SampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }

        await file.FlushAsync(cancellationToken);
    }

    private static string Hash(FootageRecipe recipe) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(recipe) + Version)))[..12].ToLowerInvariant();

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A seller's talk: a hook, product words, a price, questions answered, and longer pauses between topics.</summary>
    private static readonly FootageLine[] Talk =
    [
        new("Welcome back to the kitchen show."),
        new("Today I want to show you a blender that changed my mornings.", PauseAfter: 1.6),
        new("This blender costs forty nine dollars."),
        new("It crushes ice in ten seconds, and the jar is made of glass.", PauseAfter: 1.6),
        new("Do you want to know why it is so fast?"),
        new("The motor is twice as strong as the old one."),
        new("And the blades are made of steel, so they stay sharp for years.", PauseAfter: 1.8),
        new("Let me show you how easy it is to clean."),
        new("You add warm water and a drop of soap, then press the button."),
        new("Thirty seconds later the jar is clean.", PauseAfter: 1.6),
        new("Is it loud? That is the question I hear the most."),
        new("It is quieter than a coffee machine, because the base is heavy.", PauseAfter: 1.8),
        new("Now for the best part of the deal."),
        new("If you order today, shipping is free."),
        new("And you get a second jar for only nine dollars more.", PauseAfter: 1.8),
        new("Here is a green smoothie with spinach, banana and apple."),
        new("It takes less than a minute from start to finish."),
        new("My kids drink it every morning before school.", PauseAfter: 1.6),
        new("What about the warranty?"),
        new("Every blender comes with a five year warranty."),
        new("If the motor ever stops, we send you a new one.", PauseAfter: 1.8),
        new("So that is the blender, forty nine dollars, free shipping today."),
        new("Click the link below to order yours.", PauseAfter: 1.8),
    ];

    private static readonly FootageLine[] Mandarin =
    [
        new("大家好,这个搅拌机只要四十九美元。", Mandarin: true, PauseAfter: 1.4),
        new("今天下单免费送货,还送一个玻璃杯。", Mandarin: true, PauseAfter: 1.4),
        new("它的马达很强,十秒钟就能打碎冰块。", Mandarin: true, PauseAfter: 1.4),
    ];
}
