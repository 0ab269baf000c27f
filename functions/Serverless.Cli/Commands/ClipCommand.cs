using System.CommandLine;
using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using Serverless.Cli.Api;

namespace Serverless.Cli.Commands;

/// <summary>
/// <c>serverless clip FILE --count 5 --preset douyin --wait</c>: uploads a long recording in resumable blocks, waits for
/// its highlights, renders clips of the best and downloads them. An upload cut off is resumed by running it again: the
/// footage and its link are kept beside the file (<c>FILE.upload.json</c>) until the upload completes.
/// </summary>
public static class ClipCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The recording: MP4, MOV, MKV, WebM." };
        var count = new Option<int>("--count") { Description = "How many clips.", DefaultValueFactory = _ => 5 };
        var preset = new Option<string>("--preset") { Description = "Platform preset (douyin, tiktok, youtube-shorts, bilibili, ...).", DefaultValueFactory = _ => "douyin" };
        var target = new Option<double?>("--target-seconds") { Description = "Length each clip should be near." };
        var keywords = new Option<string[]>("--keyword") { Description = "Only spans that mention this (repeatable).", AllowMultipleArgumentsPerToken = true };
        var language = new Option<string?>("--language") { Description = "en or zh, when known." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the highlights and the clips, and download the clips." };
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Folder for the downloaded clips.",
            DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
        };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Give up waiting after this long.", DefaultValueFactory = _ => TimeSpan.FromMinutes(60) };
        var studio = new StudioConnection();
        var command = new Command("clip", "Cut the best moments of a long recording into short clips.") { file, count, preset, target, keywords, language, wait, output, timeout };
        studio.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!studio.TryCreateClient(parse, out var client, out var connectionError))
            {
                return CliOutput.Fail(connectionError);
            }

            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                return CliOutput.Fail($"{source.FullName} does not exist");
            }

            try
            {
                var footageId = await UploadAsync(client, source, parse.GetValue(language), cancellationToken);
                var analysis = await client.CompleteFootageAsync(footageId, cancellationToken);
                Console.Error.WriteLine($"Footage {footageId}: analysis {analysis.TaskId}");
                if (!parse.GetValue(wait))
                {
                    Console.WriteLine(footageId);
                    return 0;
                }

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(parse.GetValue(timeout));
                if (await TaskFollower.FollowAsync(client, analysis.TaskId, deadline.Token) is { Status: not "completed" } failed)
                {
                    return CliOutput.Fail(failed.Error?.Message ?? $"the analysis ended {failed.Status}");
                }

                var footage = await client.GetFootageAsync(footageId, cancellationToken);
                foreach (var h in footage.Highlights.Take(parse.GetValue(count)))
                {
                    Console.Error.WriteLine($"{h.Id} {h.Start,8:0.0}-{h.End,-8:0.0} {h.Score:0.00} {h.Reason}");
                }

                if (footage.Note is { } note)
                {
                    Console.Error.WriteLine(note);
                }

                var picks = parse.GetValue(keywords) is { Length: > 0 } words ? words : null;
                var clips = await client.RequestClipsAsync(footageId, new
                {
                    count = parse.GetValue(count),
                    target_seconds = parse.GetValue(target),
                    keywords = picks,
                    platform_preset = parse.GetValue(preset),
                }, cancellationToken);
                var batch = await TaskFollower.FollowAsync(client, clips.TaskId, deadline.Token);
                TaskFollower.PrintStages(batch);
                var listed = await client.ListClipsAsync(footageId, cancellationToken);
                var folder = parse.GetValue(output)!;
                folder.Create();
                foreach (var clip in listed.Clips.Where(c => c.TaskId == clips.TaskId && c.DownloadUrl is not null))
                {
                    var path = Path.Combine(folder.FullName, $"{Path.GetFileNameWithoutExtension(source.Name)}-{clip.HighlightId}-{clip.Id}.mp4");
                    await client.DownloadAsync(clip.DownloadUrl!, path, cancellationToken);
                    Console.WriteLine(path);
                }

                return batch.Status == "completed" ? 0 : CliOutput.Fail(batch.Error?.Message ?? $"the clips ended {batch.Status}");
            }
            catch (StudioApiException e)
            {
                return CliOutput.Fail(e.Message);
            }
            catch (Azure.RequestFailedException e)
            {
                return CliOutput.Fail($"the upload failed ({e.Status} {e.ErrorCode}); run the command again to resume it");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return CliOutput.Fail($"gave up waiting after {parse.GetValue(timeout)}");
            }
        });
        return command;
    }

    /// <summary>Uploads the file, resuming the footage an earlier run began when its link still works; answers the footage id.</summary>
    private static async Task<string> UploadAsync(StudioApiClient client, FileInfo source, string? language, CancellationToken cancellationToken)
    {
        var statePath = source.FullName + ".upload.json";
        var state = File.Exists(statePath) ? JsonSerializer.Deserialize<UploadState>(await File.ReadAllTextAsync(statePath, cancellationToken)) : null;
        if (state is null || state.SizeBytes != source.Length || state.ExpiresAt < DateTimeOffset.UtcNow.AddMinutes(1))
        {
            var created = await client.CreateFootageAsync(source.Name, source.Length, language, cancellationToken);
            state = new UploadState(created.FootageId, created.UploadUrl, created.ExpiresAt, source.Length, created.BlockSizeBytes);
            await File.WriteAllTextAsync(statePath, JsonSerializer.Serialize(state), cancellationToken);
        }
        else
        {
            Console.Error.WriteLine($"Resuming the upload of footage {state.FootageId}");
        }

        await using var stream = source.OpenRead();
        var report = await new ResumableUpload(new BlockBlobClient(state.UploadUrl), state.BlockSizeBytes).SendAsync(stream, source.Length, cancellationToken: cancellationToken);
        Console.Error.WriteLine($"Uploaded {report.Bytes / 1024.0 / 1024.0:0.0} MB: {report.BlocksSent} blocks sent, {report.BlocksSkipped} already there, {report.Retries} sent again");
        File.Delete(statePath);
        return state.FootageId;
    }

    private sealed record UploadState(string FootageId, Uri UploadUrl, DateTimeOffset ExpiresAt, long SizeBytes, long BlockSizeBytes);
}
