using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.ScriptDrafts;

namespace Serverless.Functions.ScriptDrafts;

/// <summary>Product and topic scripts written by the chosen chat model in a template's voice, or the template filled offline.</summary>
public sealed class ScriptDraftFunctions(ScriptDraftService drafts)
{
    /// <summary>
    /// A script for a free topic or a product: <c>source</c> says whether a chat model wrote it (<c>model</c>) or the
    /// template was filled (<c>reason</c> says why when a model was asked for); 409 30006 when <c>script_source</c> is
    /// <c>llm</c> and no chat model is available.
    /// </summary>
    [Function("DraftScript")]
    [Takes<ScriptDraftRequest>]
    [Answers<ScriptDraft>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway)]
    public async Task<IResult> DraftAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/scripts/draft")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ScriptDraftRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        return OutcomeResults.From(http, await drafts.DraftAsync(http.User.UserId(), body!, http.RequestAborted), "Script", draft => ApiResults.Ok(http, draft));
    }
}
