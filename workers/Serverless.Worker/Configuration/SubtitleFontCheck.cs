using System.Diagnostics;
using Microsoft.Extensions.Options;
using Serverless.Media;

namespace Serverless.Worker.Configuration;

/// <summary>
/// Refuses to start a worker that would burn Chinese subtitles as empty boxes: the subtitle font must be in the
/// configured fonts folder or known to fontconfig (fc-match answers with a fallback family when it is not).
/// </summary>
public sealed class SubtitleFontCheck : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        if (!string.IsNullOrEmpty(options.FontsDirectory))
        {
            return Directory.Exists(options.FontsDirectory)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Media:FontsDirectory '{options.FontsDirectory}' does not exist.");
        }

        var start = new ProcessStartInfo("fc-match") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add("%{family}");
        start.ArgumentList.Add(options.SubtitleFont);
        try
        {
            using var process = Process.Start(start)!;
            var families = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return families.Split(',').Any(f => string.Equals(f.Trim(), options.SubtitleFont, StringComparison.OrdinalIgnoreCase))
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"fontconfig has no '{options.SubtitleFont}' (it offers '{families}'); install fonts-noto-cjk or set Media:FontsDirectory.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return ValidateOptionsResult.Fail($"fc-match could not be run to find '{options.SubtitleFont}': {exception.Message}. Install fontconfig or set Media:FontsDirectory.");
        }
    }
}
