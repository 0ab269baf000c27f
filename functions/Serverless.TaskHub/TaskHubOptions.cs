using System.ComponentModel.DataAnnotations;

namespace Serverless.TaskHub;

/// <summary>
/// The task hub on the studio's storage account (configuration section <c>Durable</c>): the Durable Task Framework's
/// Azure Storage provider keeps its instances and history in tables <c>{TaskHub}Instances</c>/<c>{TaskHub}History</c>,
/// its messages in <c>{taskhub}-control-NN</c> and <c>{taskhub}-workitems</c> queues, large payloads in blobs. In Azure
/// the Functions host reads the same hub name from host.json (<c>extensions.durableTask.hubName</c>).
/// </summary>
public sealed class TaskHubOptions
{
    public const string Section = "Durable";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Durable:TaskHub must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "studio";

    /// <summary>Control queues of a new hub; an existing hub keeps the count it was created with.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Activities (shot drawings, voice recordings...) one host runs at once; unset, 10. A small host lowers it so a
    /// video's fan-out does not starve the API of CPU.
    /// </summary>
    [Range(1, 1000)]
    public int? MaxConcurrentActivities { get; set; }

    /// <summary>Orchestration episodes one host runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// The longest an idle queue waits between polls. DTFx backs off up to this when nothing arrives; its default (30 s)
    /// would make an idle machine's first video wait that long, so the studio keeps it short.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a message a host has taken stays hidden from the others. DTFx renews it 30 s before it runs out while
    /// the work goes on, so this only decides how soon the work of a host that died (kill -9, a lost VM) is taken up
    /// again: DTFx's default, 5 minutes, would hold a crashed host's videos that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:45", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs several episodes of one instance in memory without reloading its history (DTFx extended sessions).</summary>
    public bool ExtendedSessions { get; set; } = true;
}
