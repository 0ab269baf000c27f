using Serverless.Cli.Api;
using Spectre.Console;

namespace Serverless.Cli.Commands;

/// <summary>Polls a task until it ends, showing a progress bar per stage (or plain lines when not on a terminal).</summary>
public static class TaskFollower
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Terminal = ["completed", "failed", "cancelled"];

    public static async Task<TaskStatusView> FollowAsync(StudioApiClient client, string taskId, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            return await FollowPlainAsync(client, taskId, cancellationToken);
        }

        TaskStatusView? last = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                while (true)
                {
                    last = await client.GetTaskAsync(taskId, cancellationToken);
                    foreach (var stage in last.Stages)
                    {
                        if (!bars.TryGetValue(stage.Name, out var bar))
                        {
                            bars[stage.Name] = bar = progress.AddTask(stage.Name, maxValue: 1);
                        }

                        bar.Value = stage.Seconds is null ? 0.5 : 1;
                    }

                    if (Terminal.Contains(last.Status))
                    {
                        foreach (var bar in bars.Values.Where(_ => last.Status == "completed"))
                        {
                            bar.Value = 1;
                        }

                        return;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            });
        return last!;
    }

    public static void PrintStages(TaskStatusView task)
    {
        foreach (var stage in task.Stages)
        {
            Console.Error.WriteLine($"  {stage.Name,-12} {(stage.Seconds is { } s ? $"{s,7:0.00} s" : "    ...")}");
        }

        Console.Error.WriteLine($"  {"total",-12} {task.Stages.Sum(s => s.Seconds ?? 0),7:0.00} s");
    }

    private static async Task<TaskStatusView> FollowPlainAsync(StudioApiClient client, string taskId, CancellationToken cancellationToken)
    {
        var shown = "";
        while (true)
        {
            var task = await client.GetTaskAsync(taskId, cancellationToken);
            var line = $"[{task.Progress,3}%] {task.Status}: {task.CurrentStep}";
            if (line != shown)
            {
                Console.Error.WriteLine(line);
                shown = line;
            }

            if (Terminal.Contains(task.Status))
            {
                return task;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
