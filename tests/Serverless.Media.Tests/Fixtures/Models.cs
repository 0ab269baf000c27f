namespace Serverless.Media.Tests.Fixtures;

/// <summary>ONNX models that infra/local/dev.sh setup installs from npm packages; a test needing one fails without it.</summary>
public static class Models
{
    public static string SileroVad()
    {
        var root = RepositoryRoot();
        string[] candidates =
        [
            Path.Combine(root, ".local", "models", "silero_vad_v5.onnx"),
            Path.Combine(root, "infra", "local", "node_modules", "@ricky0123", "vad-web", "dist", "silero_vad_v5.onnx"),
        ];
        var found = candidates.FirstOrDefault(File.Exists);
        Assert.True(found is not null, $"silero_vad_v5.onnx is missing (looked in {string.Join(", ", candidates)}); run infra/local/dev.sh setup.");
        return found!;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}.");
    }
}
