using System.Security.Cryptography;

namespace Serverless.Studio.Projects;

/// <summary>
/// Public ids. A task id carries its project's key so that a task, stored in the project's partition,
/// is found with one point read (<c>tsk_{project}_{task}</c>).
/// </summary>
public static class StudioIds
{
    private const string ProjectPrefix = "prj_";
    private const string TaskPrefix = "tsk_";

    public static string NewProjectId() => ProjectPrefix + RandomHex(8);

    public static string NewTaskId(string projectId) => $"{TaskPrefix}{projectId[ProjectPrefix.Length..]}_{RandomHex(6)}";

    public static bool TryGetProjectId(string taskId, out string projectId)
    {
        projectId = "";
        if (!taskId.StartsWith(TaskPrefix, StringComparison.Ordinal) || taskId.Length > 64)
        {
            return false;
        }

        var parts = taskId[TaskPrefix.Length..].Split('_');
        if (parts.Length != 2 || !IsHex(parts[0]) || !IsHex(parts[1]))
        {
            return false;
        }

        projectId = ProjectPrefix + parts[0];
        return true;
    }

    public static bool IsProjectId(string value) =>
        value.StartsWith(ProjectPrefix, StringComparison.Ordinal) && value.Length <= 64 && IsHex(value[ProjectPrefix.Length..]);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static bool IsHex(string value) => value.Length > 0 && value.All(char.IsAsciiHexDigitLower);
}
