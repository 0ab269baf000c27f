using System.Security.Cryptography;

namespace Serverless.Studio.Projects;

/// <summary>
/// Public ids. A task id carries its project's key so that a task, stored in the project's partition,
/// is found with one point read (<c>tsk_{project}_{task}</c>). A footage's tasks live in the footage's partition the same
/// way (<c>tsk_ftg{footage}_{task}</c>).
/// </summary>
public static class StudioIds
{
    private const string ProjectPrefix = "prj_";
    private const string TaskPrefix = "tsk_";
    private const string FootagePrefix = Footage.FootageIds.Prefix;

    // Not a hex digit, so a footage's task id can never read as a project's.
    private const string FootageMark = "ftg";

    public static string NewProjectId() => ProjectPrefix + RandomHex(8);

    public static string NewTaskId(string projectId) => projectId.StartsWith(FootagePrefix, StringComparison.Ordinal)
        ? $"{TaskPrefix}{FootageMark}{projectId[FootagePrefix.Length..]}_{RandomHex(6)}"
        : $"{TaskPrefix}{projectId[ProjectPrefix.Length..]}_{RandomHex(6)}";

    public static bool TryGetProjectId(string taskId, out string projectId)
    {
        projectId = "";
        if (!taskId.StartsWith(TaskPrefix, StringComparison.Ordinal) || taskId.Length > 64)
        {
            return false;
        }

        var parts = taskId[TaskPrefix.Length..].Split('_');
        var footage = parts[0].StartsWith(FootageMark, StringComparison.Ordinal);
        var parent = footage ? parts[0][FootageMark.Length..] : parts[0];
        if (parts.Length != 2 || !IsHex(parent) || !IsHex(parts[1]))
        {
            return false;
        }

        projectId = (footage ? FootagePrefix : ProjectPrefix) + parent;
        return true;
    }

    public static bool IsProjectId(string value) =>
        value.StartsWith(ProjectPrefix, StringComparison.Ordinal) && value.Length <= 64 && IsHex(value[ProjectPrefix.Length..]);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static bool IsHex(string value) => value.Length > 0 && value.All(char.IsAsciiHexDigitLower);
}
