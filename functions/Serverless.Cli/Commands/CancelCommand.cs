using System.CommandLine;
using Serverless.Cli.Api;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless cancel TASK_ID</c>: stops a running video.</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var task = new Argument<string>("TASK_ID") { Description = "The task to stop, as submit printed it (tsk_...)." };
        var studio = new StudioConnection();
        var command = new Command("cancel", "Stop a running video.") { task };
        studio.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!studio.TryCreateClient(parse, out var client, out var connectionError))
            {
                return CliOutput.Fail(connectionError);
            }

            try
            {
                var cancelled = await client.CancelTaskAsync(parse.GetValue(task)!, cancellationToken);
                Console.WriteLine($"{cancelled.TaskId}: {cancelled.Status}");
                return 0;
            }
            catch (StudioApiException e)
            {
                return CliOutput.Fail(e.Message);
            }
        });
        return command;
    }
}
