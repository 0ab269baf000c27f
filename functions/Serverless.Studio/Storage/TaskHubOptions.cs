using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Storage;

/// <summary>
/// The durable engine's task hub on the studio's storage account (configuration section <c>Durable</c>, shared with
/// the management endpoints' signing key). The Bicep template provisions the queues and tables these names imply.
/// </summary>
public sealed class TaskHubOptions
{
    public const string Section = "Durable";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,44}$", ErrorMessage = "Durable:TaskHub must be 1-45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "studio";

    /// <summary>Control queues of a new hub; an existing hub keeps the count it was created with.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Activities (shot drawings, voice recordings...) one host runs at once; unset, the engine's default (10 per
    /// core). A small host lowers it so a video's fan-out does not starve the API of CPU.
    /// </summary>
    [Range(1, 1000)]
    public int? MaxConcurrentActivities { get; set; }
}
