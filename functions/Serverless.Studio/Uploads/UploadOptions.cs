using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Uploads;

/// <summary>Scripts dropped into blob storage to start videos.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The container watched; uploads go to <c>{user_id}/...</c> in it.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = Storage.StudioContainers.Incoming;

    /// <summary>Largest script accepted, in bytes.</summary>
    [Range(1, 4 * 1024 * 1024)]
    public int MaxScriptBytes { get; set; } = 512 * 1024;

    /// <summary>Largest options sidecar accepted, in bytes.</summary>
    [Range(1, 64 * 1024)]
    public int MaxSidecarBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// List the container on a timer and process what is new (there is no Event Grid locally). Off under the
    /// Functions host, whose blob trigger calls the same handler.
    /// </summary>
    public bool PollEnabled { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
