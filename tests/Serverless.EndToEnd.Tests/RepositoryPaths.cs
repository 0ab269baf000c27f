using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>Where the built app, worker and sample scripts are, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root => SourceTree.Root;

    public static string FunctionApp => SourceTree.Built("functions/Serverless.Functions", "Serverless.Functions.dll");

    public static string Worker => SourceTree.Built("workers/Serverless.Worker", "Serverless.Worker.dll");

    /// <summary>A sample script: the shared copy when present (CI), else the project's own copy.</summary>
    public static string Sample(string name)
    {
        var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared", "samples", name));
        return File.Exists(shared) ? shared : Path.Combine(Root, "samples", name);
    }
}
