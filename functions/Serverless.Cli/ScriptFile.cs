using System.Text;

namespace Serverless.Cli;

/// <summary>
/// Reads a script file for a command: bounded in size, strict UTF-8, and every failure one sentence
/// for stderr rather than a stack trace.
/// </summary>
public static class ScriptFile
{
    /// <summary>A feature film's script is ~200 KB; more than this is not a script.</summary>
    public const long MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryRead(string path, out string text, out string error)
    {
        text = string.Empty;
        error = string.Empty;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                error = Directory.Exists(path) ? $"{path} is a folder, not a script file." : $"Script file not found: {path}";
                return false;
            }

            if (file.Length > MaxBytes)
            {
                error = $"{path} is {file.Length:N0} bytes; scripts are limited to {MaxBytes:N0} bytes (1 MB).";
                return false;
            }

            var bytes = File.ReadAllBytes(file.FullName);
            var preamble = StrictUtf8.Preamble;
            var skip = bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
            text = StrictUtf8.GetString(bytes, skip, bytes.Length - skip);
            return true;
        }
        catch (DecoderFallbackException)
        {
            error = $"{path} is not UTF-8 text.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            error = $"Cannot read {path}: {e.Message}";
        }

        return false;
    }
}
