using Serverless.Testing;

namespace Serverless.Studio.Tests.Screenplays;

/// <summary>The repository's example scripts (<c>samples/</c>) and the shared originals beside the repo.</summary>
public static class SampleScripts
{
    /// <summary>The project's own copies: present in every checkout, so tests using them run everywhere.</summary>
    public static string ProjectFolder => SourceTree.File("samples");

    /// <summary>The originals the samples README describes; only present on the team's machines.</summary>
    public static string SharedFolder => Path.GetFullPath(SourceTree.File("..", "shared", "samples"));

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(ProjectFolder, fileName));
}
