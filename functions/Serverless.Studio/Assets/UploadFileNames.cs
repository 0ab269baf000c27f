namespace Serverless.Studio.Assets;

/// <summary>The file name an upload declares, kept for downloads and blob names: the last path step, printable, bounded.</summary>
public static class UploadFileNames
{
    public const string Expected = "a file name of 1 to 200 characters";

    /// <summary>The name to keep, or null when there is none fit to keep.</summary>
    public static string? Clean(string? declared)
    {
        var fileName = Path.GetFileName(declared?.Trim() ?? "");
        return fileName.Length is 0 or > 200 || fileName.Any(c => char.IsControl(c) || c is '/' or '\\') ? null : fileName;
    }
}
