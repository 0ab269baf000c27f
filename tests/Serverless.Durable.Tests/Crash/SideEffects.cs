namespace Serverless.Durable.Tests.Crash;

/// <summary>Reads what the host processes recorded: one line per activity execution, across every process.</summary>
public sealed class SideEffects(string directory)
{
    public IReadOnlyList<string> Lines() => Directory.GetFiles(directory, "effects-*.log")
        .SelectMany(f => File.ReadAllLines(f))
        .Where(l => l.Length > 0)
        .ToList();

    public int Count() => Lines().Count;
}
