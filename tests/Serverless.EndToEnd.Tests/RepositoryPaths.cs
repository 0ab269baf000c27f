namespace Serverless.EndToEnd.Tests;

/// <summary>Where the built app, worker and sample scripts are, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built with.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    public static string FunctionApp => Built("functions/Serverless.Functions", "Serverless.Functions.dll");

    public static string Worker => Built("workers/Serverless.Worker", "Serverless.Worker.dll");

    /// <summary>A sample script: the shared copy when present (CI), else the project's own copy.</summary>
    public static string Sample(string name)
    {
        var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared", "samples", name));
        return File.Exists(shared) ? shared : Path.Combine(Root, "samples", name);
    }

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built; run dotnet build -c {Configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
