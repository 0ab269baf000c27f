using System.Diagnostics;
using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.Infra.Tests;

/// <summary>
/// The ARM template compiled from infra/main.bicep (artifacts/infra/main.json). When the file is missing or older
/// than any Bicep source, the fixture runs infra/local/bicep.sh (install, build, lint) to produce it, so
/// <c>dotnet test</c> alone works.
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public CompiledTemplate()
    {
        RepositoryRoot = SourceTree.Root;
        TemplatePath = Path.Combine(RepositoryRoot, "artifacts", "infra", "main.json");
        if (IsMissingOrStale())
        {
            Build();
        }

        Root = new TemplateScope(
            (JsonObject)(JsonNode.Parse(File.ReadAllText(TemplatePath))
                ?? throw new InvalidOperationException($"{TemplatePath} is empty.")),
            passedParameters: null,
            parent: null,
            deploymentName: "main");
    }

    public string RepositoryRoot { get; }

    public string TemplatePath { get; }

    /// <summary>The top-level template (main.bicep).</summary>
    public TemplateScope Root { get; }

    private bool IsMissingOrStale()
    {
        if (!File.Exists(TemplatePath))
        {
            return true;
        }

        var built = File.GetLastWriteTimeUtc(TemplatePath);
        var infra = Path.Combine(RepositoryRoot, "infra");
        var sources = Directory.EnumerateFiles(infra, "*.bicep", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(infra, "*.json", SearchOption.TopDirectoryOnly));
        return sources.Any(source => File.GetLastWriteTimeUtc(source) > built);
    }

    private void Build()
    {
        var script = Path.Combine(RepositoryRoot, "infra", "local", "bicep.sh");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start bash {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"infra/local/bicep.sh did not finish within {BuildTimeout}.");
        }

        if (process.ExitCode != 0 || !File.Exists(TemplatePath))
        {
            throw new InvalidOperationException(
                $"infra/local/bicep.sh failed (exit code {process.ExitCode}); artifacts/infra/main.json could not be produced."
                + $"{Environment.NewLine}{stdout.Result}{Environment.NewLine}{stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled Bicep template";
}
