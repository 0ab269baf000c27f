using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Testing;

/// <summary>How a benchmark hands in its figures: <c>artifacts/bench/NAME.json</c> (or the <c>--output</c> given) and the console.</summary>
public static class BenchmarkReport
{
    public static async Task WriteAsync(JsonObject figures, string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var json = figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(output, json);
        Console.WriteLine(json);
        Console.WriteLine($"written to {Path.GetFullPath(output)}");
    }
}
