using System.Runtime.InteropServices;

namespace Serverless.Testing;

/// <summary>
/// Resource use from getrusage. The largest resident set of this process and of any child it has waited for (ffmpeg), from getrusage:
/// ru_maxrss of RUSAGE_CHILDREN is the peak of the largest finished child, in kilobytes on Linux.
/// </summary>
public static partial class ProcessUsage
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    public static double LargestProcessMegabytes()
    {
        return Math.Max(MaxRssKilobytes(RusageSelf), MaxRssKilobytes(RusageChildren)) / 1024.0;
    }

    /// <summary>
    /// CPU seconds (user + system) used so far by finished child processes: on a shared machine, where wall
    /// time depends on the neighbours, the difference across a phase is what that phase's ffmpeg really cost.
    /// </summary>
    public static double ChildCpuSeconds()
    {
        var usage = Usage(RusageChildren);
        return usage.UserSeconds + usage.SystemSeconds + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e6;
    }

    private static long MaxRssKilobytes(int who) => Usage(who).MaxRss;

    private static RUsage Usage(int who)
    {
        var usage = new RUsage();
        if (GetRUsage(who, ref usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
        }

        return usage;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, ref RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVCsw;
        public long NIvCsw;
    }
}
