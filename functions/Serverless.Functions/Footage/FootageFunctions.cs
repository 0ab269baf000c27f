using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Footage;

/// <summary>Uploaded footage: the upload link, its completion, the highlights found, and clips of them.</summary>
public sealed class FootageFunctions(FootageService footage, FootageStore store, FootageClips clips, FootagePreviews previews)
{
    /// <summary>The user's footage, newest first, a page at a time (<c>page</c> from 1, <c>page_size</c> up to 100).</summary>
    [Function("ListFootage")]
    [Answers<ApiPage<FootageSummary>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/footage")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await store.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.Select(FootageSummary.Of).ToList()));
    }

    [Function("CreateFootageUpload")]
    [Takes<FootageUploadRequest>]
    [Answers<FootageUpload>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> BeginUploadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/footage")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<FootageUploadRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await footage.BeginUploadAsync(http.User.UserId(), body!, http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Footage", upload => ApiResults.Ok(http, upload));
    }

    [Function("CompleteFootageUpload")]
    [TakesNoBody]
    [StartsTask(Data = typeof(FootageTaskView))]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> CompleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/footage/{footageId}/complete")] HttpRequest req, string footageId)
    {
        var http = req.HttpContext;
        var outcome = await footage.CompleteAsync(http.User.UserId(), footageId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Footage '{footageId}'", started => Started(http, started));
    }

    [Function("GetFootage")]
    [Answers<FootageView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/footage/{footageId}")] HttpRequest req, string footageId)
    {
        var http = req.HttpContext;
        return await footage.FindAsync(http.User.UserId(), footageId, http.RequestAborted) is { } found
            ? ApiResults.Ok(http, FootageView.Of(found, await previews.LinksAsync(found, http.RequestAborted)))
            : ApiResults.NotFound(http, $"Footage '{footageId}'");
    }

    [Function("CreateFootageClips")]
    [Takes<ClipsRequest>]
    [StartsTask(Data = typeof(FootageTaskView))]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> CreateClipsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/footage/{footageId}/clips")] HttpRequest req, string footageId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ClipsRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await clips.RequestAsync(http.User.UserId(), footageId, body!, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Footage '{footageId}'", started => Started(http, started));
    }

    [Function("ListFootageClips")]
    [Answers<ClipList>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListClipsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/footage/{footageId}/clips")] HttpRequest req, string footageId)
    {
        var http = req.HttpContext;
        if (await footage.FindAsync(http.User.UserId(), footageId, http.RequestAborted) is not { } found)
        {
            return ApiResults.NotFound(http, $"Footage '{footageId}'");
        }

        var views = new List<ClipView>();
        foreach (var clip in found.Clips)
        {
            var link = clip is { Status: ClipStatus.Done, Video: not null } ? await clips.DownloadLinkAsync(found, clip, http.RequestAborted) : default;
            views.Add(new ClipView(
                clip.Id, clip.HighlightId, clip.TaskId, clip.Status.ToString().ToLowerInvariant(), clip.Start, clip.End, clip.Platform,
                clip.DurationSeconds, clip.SizeBytes, link.Url, link.Url is null ? null : link.ExpiresAt, clip.Qc, clip.Error));
        }

        return ApiResults.Ok(http, new ClipList(views, views.Count(v => v.DownloadUrl is not null), $"/api/v1/footage/{footageId}/clips/zip"));
    }

    [Function("DownloadFootageClips")]
    [Answers<ClipsZip>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> DownloadClipsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/footage/{footageId}/clips/zip")] HttpRequest req, string footageId)
    {
        var http = req.HttpContext;
        if (await footage.FindAsync(http.User.UserId(), footageId, http.RequestAborted) is not { } found)
        {
            return ApiResults.NotFound(http, $"Footage '{footageId}'");
        }

        return await clips.ZipLinkAsync(found, http.RequestAborted) is { } zip
            ? ApiResults.Ok(http, new ClipsZip(zip.Url, zip.ExpiresAt, zip.Clips))
            : ApiResults.Error(http, StatusCodes.Status409Conflict, ErrorCodes.InvalidParameters, $"Footage '{footageId}': no clip is done yet");
    }

    private static IResult Started(HttpContext http, FootageTaskStarted started)
    {
        var statusUrl = $"/api/v1/tasks/{started.TaskId}";
        return ApiResults.Accepted(http, statusUrl, new FootageTaskView(started.TaskId, started.FootageId, statusUrl));
    }
}
