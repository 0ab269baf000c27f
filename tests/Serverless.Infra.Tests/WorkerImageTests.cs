using System.Text.RegularExpressions;
using Serverless.Media.Speech;
using Serverless.Testing;

namespace Serverless.Infra.Tests;

/// <summary>
/// The worker image can run the offline recognizer: the final stage's base is a tag whose distribution's apt
/// <c>pocketsphinx</c> package carries the executable <see cref="PocketsphinxRecognizer"/> calls, and the image installs
/// that package with its English model. The package contents are the distributions' published file lists
/// (packages.ubuntu.com, packages.debian.org); a base not listed here is refused until its package has been looked up.
/// </summary>
public sealed partial class WorkerImageTests
{
    /// <summary>aspnet base tags, the distribution under each, and what its pocketsphinx package installs in /usr/bin.</summary>
    private static readonly Dictionary<string, (string Distribution, string Package, string[] Executables)> KnownBases = new()
    {
        // .NET 10's default (and its only glibc distribution besides Azure Linux): no Debian images.
        ["mcr.microsoft.com/dotnet/aspnet:10.0-noble"] = ("Ubuntu 24.04", "0.8.0+real5prealpha+1-15ubuntu5",
            ["pocketsphinx_batch", "pocketsphinx_continuous", "pocketsphinx_mdef_convert"]),
        ["mcr.microsoft.com/dotnet/aspnet:10.0-resolute"] = ("Ubuntu 26.04", "5.0.4-3ubuntu1", ["pocketsphinx"]),
    };

    private static string Dockerfile => File.ReadAllText(SourceTree.File("workers", "Serverless.Worker", "Dockerfile"));

    [Fact]
    public void The_final_stage_is_a_pinned_base_whose_pocketsphinx_carries_the_recognizers_executable()
    {
        var bases = FromLine().Matches(Dockerfile).Select(m => m.Groups[1].Value).ToList();
        var final = bases[^1];
        Assert.True(KnownBases.TryGetValue(final, out var known),
            $"{final} is not a base whose pocketsphinx package has been checked (a floating tag such as aspnet:10.0 may move to another Ubuntu)");
        Assert.Contains(PocketsphinxRecognizer.DefaultExecutable, known.Executables);
    }

    [Fact]
    public void The_image_installs_pocketsphinx_with_its_english_model()
    {
        var install = InstallLine().Matches(Dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains("pocketsphinx", install);
        Assert.Contains("pocketsphinx-en-us", install);
        Assert.Contains("ffmpeg", install);
    }

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"apt-get install\s+-y\s+(?:--no-install-recommends\s+)?([a-z0-9.+\- ]+)")]
    private static partial Regex InstallLine();
}
