namespace Serverless.Media.Graph;

/// <summary>
/// File names inside a filter graph. The renderer only ever names files it created itself, but a configured
/// folder (the fonts) could hold anything, so names are restricted to characters with no meaning to the
/// filter parser rather than escaped through its two levels of quoting.
/// </summary>
internal static class FilterPath
{
    public static string Escape(string path)
    {
        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-'))
            {
                throw new ArgumentException($"Path '{path}' holds '{c}', which cannot appear in a filter graph.", nameof(path));
            }
        }

        return path;
    }
}
