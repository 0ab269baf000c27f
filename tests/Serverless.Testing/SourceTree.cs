namespace Serverless.Testing;

/// <summary>
/// The checkout the tests and benchmarks run from: the folder holding <c>Serverless.sln</c>, found above the running
/// assembly, and the files <c>infra/local/dev.sh setup</c> installs in it.
/// </summary>
public static class SourceTree
{
    private static readonly Lazy<string?> FoundRoot = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    });

    /// <summary>The repository's root folder, or null when the assembly runs outside a checkout.</summary>
    public static string? TryFindRoot() => FoundRoot.Value;

    public static string Root => FoundRoot.Value ?? throw new InvalidOperationException($"Serverless.sln not found above {AppContext.BaseDirectory}.");

    /// <summary>A path below the repository's root.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Debug or Release: the configuration the running assembly was built with (bin/&lt;configuration&gt;/net10.0).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    /// <summary>A project's built assembly in the same configuration, e.g. Built("workers/Serverless.Worker", "Serverless.Worker.dll").</summary>
    public static string Built(string project, string dll)
    {
        var path = File(project, "bin", Configuration, "net10.0", dll);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built; run dotnet build -c {Configuration} first.", path);
    }

    /// <summary>silero_vad_v5.onnx as <c>dev.sh setup</c> installs it (from the npm package @ricky0123/vad-web).</summary>
    public static string SileroVadModel()
    {
        string[] candidates =
        [
            File(".local", "models", "silero_vad_v5.onnx"),
            File("infra", "local", "node_modules", "@ricky0123", "vad-web", "dist", "silero_vad_v5.onnx"),
        ];
        return candidates.FirstOrDefault(System.IO.File.Exists)
            ?? throw new FileNotFoundException($"silero_vad_v5.onnx is missing (looked in {string.Join(", ", candidates)}); run infra/local/dev.sh setup.");
    }
}
