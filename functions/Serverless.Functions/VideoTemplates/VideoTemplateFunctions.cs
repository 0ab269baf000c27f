using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Functions.VideoTemplates;

/// <summary>Product video templates: the built-ins (read-only) and the user's own.</summary>
public sealed class VideoTemplateFunctions(VideoTemplateService templates)
{
    [Function("ListTemplates")]
    [Answers<ItemList<VideoTemplate>>]
    [Fails(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/templates")] HttpRequest req)
    {
        var all = await templates.ListAsync(req.HttpContext.User.UserId(), req.HttpContext.RequestAborted);
        return ApiResults.Ok(req.HttpContext, new ItemList<VideoTemplate>(all, all.Count));
    }

    [Function("GetTemplate")]
    [Answers<VideoTemplate>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/templates/{templateId}")] HttpRequest req, string templateId) =>
        OutcomeResults.From(req.HttpContext, await templates.FindAsync(req.HttpContext.User.UserId(), templateId, req.HttpContext.RequestAborted),
            Template(templateId), template => ApiResults.Ok(req.HttpContext, template));

    /// <summary>A template whose body does not parse is refused with the line and column of its first error.</summary>
    [Function("CreateTemplate")]
    [Takes<TemplateDraft>]
    [Answers<VideoTemplate>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/templates")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<TemplateDraft>(http);
        if (problem is not null)
        {
            return problem;
        }

        return OutcomeResults.From(http, await templates.CreateAsync(http.User.UserId(), body!, http.RequestAborted), "Template",
            template => Results.Json(ApiResults.Envelope(http, 0, "created", template), statusCode: StatusCodes.Status201Created));
    }

    [Function("ReplaceTemplate")]
    [Takes<TemplateDraft>]
    [Answers<VideoTemplate>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> ReplaceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/templates/{templateId}")] HttpRequest req, string templateId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<TemplateDraft>(http);
        if (problem is not null)
        {
            return problem;
        }

        return OutcomeResults.From(http, await templates.ReplaceAsync(http.User.UserId(), templateId, body!, http.RequestAborted),
            Template(templateId), template => ApiResults.Ok(http, template));
    }

    [Function("DeleteTemplate")]
    [Answers<TemplateDeleted>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/templates/{templateId}")] HttpRequest req, string templateId) =>
        OutcomeResults.From(req.HttpContext, await templates.DeleteAsync(req.HttpContext.User.UserId(), templateId, req.HttpContext.RequestAborted),
            Template(templateId), id => ApiResults.Ok(req.HttpContext, new TemplateDeleted(id, Deleted: true), "deleted"));

    private static string Template(string id) => $"Template '{id}'";
}

/// <summary>A template taken away.</summary>
public sealed record TemplateDeleted(string TemplateId, bool Deleted);
