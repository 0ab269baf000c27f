using System.Globalization;

namespace Serverless.Batch.Benchmarks;

/// <summary>A process's CPU seconds from /proc: its own user and system time and that of the children it waited for.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of /proc/{pid}/stat's times, 100 on every Linux the stack runs on.
    private const double TicksPerSecond = 100;

    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces: the fields after it start past its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime, stime, cutime, cstime are fields 14-17 of the line, 12-15 after the name and state.
        return fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
