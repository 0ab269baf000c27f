namespace Serverless.Studio.Tests.Screenplays;

/// <summary>The repository's example scripts (<c>samples/</c>) and the shared originals beside the repo.</summary>
public static class SampleScripts
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The project's own copies: present in every checkout, so tests using them run everywhere.</summary>
    public static string ProjectFolder => Path.Combine(RepositoryRoot, "samples");

    /// <summary>The originals the samples README describes; only present on the team's machines.</summary>
    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "samples"));

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(ProjectFolder, fileName));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Serverless.sln not found above {AppContext.BaseDirectory}.");
    }
}
