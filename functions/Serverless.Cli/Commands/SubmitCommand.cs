using System.CommandLine;
using Serverless.Cli.Api;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless submit FILE [--wait]</c>: starts a video from a script, follows it, downloads the MP4.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The script: seed format, English, Markdown or Fountain." };
        var wait = new Option<bool>("--wait") { Description = "Follow the video until it is done and download it." };
        var studio = new StudioConnection();
        var style = new Option<string>("--style") { Description = "anime, chinese, comic or chibi.", DefaultValueFactory = _ => "anime" };
        var aspect = new Option<string>("--aspect-ratio") { Description = "9:16, 16:9 or 1:1.", DefaultValueFactory = _ => "9:16" };
        var music = new Option<string?>("--music") { Description = "Background music: a catalog track id or category (GET /api/v1/audio/bgm), ducked under speech." };
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Folder for the downloaded MP4.",
            DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
        };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Give up waiting after this long.", DefaultValueFactory = _ => TimeSpan.FromMinutes(20) };

        var command = new Command("submit", "Turn a script into a video.") { file, wait, style, aspect, music, output, timeout };
        studio.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!studio.TryCreateClient(parse, out var client, out var connectionError))
            {
                return CliOutput.Fail(connectionError);
            }

            var path = parse.GetValue(file)!;
            if (!ScriptFile.TryRead(path, out var text, out var readError))
            {
                return CliOutput.Fail(readError);
            }

            var name = Path.GetFileNameWithoutExtension(path);

            try
            {
                var submitted = await client.SubmitAsync(new
                {
                    script = text,
                    style = parse.GetValue(style),
                    aspect_ratio = parse.GetValue(aspect),
                    music = parse.GetValue(music),
                    title = name,
                }, cancellationToken);
                Console.Error.WriteLine($"Submitted {name}: task {submitted.TaskId}, project {submitted.ProjectId}");
                if (!parse.GetValue(wait))
                {
                    Console.WriteLine(submitted.TaskId);
                    return 0;
                }

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(parse.GetValue(timeout));
                var final = await TaskFollower.FollowAsync(client, submitted.TaskId, deadline.Token);
                TaskFollower.PrintStages(final);
                if (final.Status != "completed")
                {
                    return CliOutput.Fail(final.Error?.Message ?? $"the video ended {final.Status}");
                }

                var download = await client.GetDownloadAsync(submitted.ProjectId, cancellationToken);
                var folder = parse.GetValue(output)!;
                folder.Create();
                var video = Path.Combine(folder.FullName, $"{name}-{submitted.ProjectId}.mp4");
                await client.DownloadAsync(download.DownloadUrl, video, cancellationToken);
                Console.Error.WriteLine($"Video: {download.Duration:0.0} s, {download.FileSize / 1024.0 / 1024.0:0.0} MB");
                Console.WriteLine(video);
                return 0;
            }
            catch (StudioApiException e)
            {
                return CliOutput.Fail(e.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return CliOutput.Fail($"gave up waiting after {parse.GetValue(timeout)}");
            }
        });
        return command;
    }
}
