using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Conversations;

namespace Serverless.Functions.Conversations;

/// <summary>Chat conversations: each message is answered by the chosen chat model through the provider gateway and billed on the usage ledger.</summary>
public sealed class ConversationFunctions(ConversationService conversations, ConversationStore store)
{
    private const int MaxIdLength = 64;

    [Function("CreateConversation")]
    [Takes<ConversationRequest>]
    [Answers<ConversationView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/conversations")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ConversationRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await conversations.CreateAsync(http.User.UserId(), body!.Title, body.Model, http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Conversation", c =>
            Results.Json(ApiResults.Envelope(http, 0, "created", ConversationView.Of(c)), statusCode: StatusCodes.Status201Created));
    }

    [Function("ListConversations")]
    [Answers<ApiPage<ConversationSummaryView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/conversations")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await store.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.OrderByDescending(c => c.UpdatedAt).Select(ConversationSummaryView.Of).ToList()));
    }

    [Function("GetConversation")]
    [Answers<ConversationView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/conversations/{conversationId}")] HttpRequest req, string conversationId) =>
        conversationId.Length <= MaxIdLength && await store.FindAsync(req.HttpContext.User.UserId(), conversationId, req.HttpContext.RequestAborted) is var (conversation, _)
            ? ApiResults.Ok(req.HttpContext, ConversationView.Of(conversation))
            : ApiResults.NotFound(req.HttpContext, Conversation(conversationId));

    [Function("DeleteConversation")]
    [Answers<ConversationDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/conversations/{conversationId}")] HttpRequest req, string conversationId) =>
        conversationId.Length <= MaxIdLength && await store.DeleteAsync(req.HttpContext.User.UserId(), conversationId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new ConversationDeleted(conversationId, Deleted: true), "deleted")
            : ApiResults.NotFound(req.HttpContext, Conversation(conversationId));

    /// <summary>The user's message, answered by the chat model's reply (409 30006 when no provider serves the model).</summary>
    [Function("SendConversationMessage")]
    [Takes<MessageRequest>]
    [Answers<MessageView>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway)]
    public async Task<IResult> SendAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/conversations/{conversationId}/messages")] HttpRequest req, string conversationId)
    {
        var http = req.HttpContext;
        if (conversationId.Length > MaxIdLength)
        {
            return ApiResults.NotFound(http, Conversation(conversationId));
        }

        var (body, problem) = await JsonBody.ReadAsync<MessageRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await conversations.SendAsync(http.User.UserId(), conversationId, body!.Content, body.Model, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Conversation(conversationId), m => ApiResults.Ok(http, MessageView.Of(m)));
    }

    // The id is the caller's own input; bounded before it is echoed.
    private static string Conversation(string conversationId) => $"Conversation '{(conversationId.Length <= MaxIdLength ? conversationId : conversationId[..MaxIdLength] + "…")}'";
}
