using System.Text.RegularExpressions;
using Serverless.Media.Inference;

namespace Serverless.Worker.Inference;

/// <summary>A model's name is a blob name stem in the models container and a folder of the local cache: kept plain.</summary>
public static partial class ModelNames
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) => name is not null && Plain().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    public static void Check(string? name)
    {
        if (!IsValid(name))
        {
            throw new ModelRejectedException($"'{Bounded(name)}' is not a model name (lower-case letters, digits, '.', '_' and '-', at most {MaxLength}).");
        }
    }

    private static string Bounded(string? name) => name is null ? "" : name.Length <= MaxLength ? name : name[..MaxLength] + "...";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex Plain();
}
