using System.Security.Cryptography;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Conversations;

/// <summary>
/// Chat conversations: each message the user sends is answered by the chosen chat model through
/// <see cref="ChatFallback"/>, the gateway video pictures and voices use, and written to the usage ledger as a call of
/// the conversation (its id stands as the task, the message's as the call).
/// </summary>
public sealed class ConversationService(ConversationStore store, ChatFallback chat, TimeProvider time)
{
    public async Task<Outcome<ConversationRecord>> CreateAsync(string userId, string? title, string? model, CancellationToken cancellationToken = default)
    {
        title = title?.Trim();
        if (title is { Length: 0 or > ConversationLimits.MaxTitleLength })
        {
            return Outcome<ConversationRecord>.Invalid("title", $"1 to {ConversationLimits.MaxTitleLength} characters");
        }

        if (InvalidModel(model) is { } problem)
        {
            return problem;
        }

        if ((await store.ListAsync(userId, cancellationToken)).Count >= ConversationLimits.MaxConversationsPerUser)
        {
            return Outcome<ConversationRecord>.Invalid("body", $"at most {ConversationLimits.MaxConversationsPerUser} conversations per user; delete one first");
        }

        var now = time.GetUtcNow();
        var record = new ConversationRecord
        {
            Id = NewId("cnv_"),
            UserId = userId,
            Title = title ?? "New conversation",
            Model = model,
            MessageCount = 0,
            Messages = [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateAsync(record, cancellationToken);
        return Outcome<ConversationRecord>.Ok(record);
    }

    /// <summary>
    /// Adds the user's message and the model's reply. Nothing is kept when no reply comes
    /// (<see cref="ChatUnavailableException"/> passes to the caller); a conversation written meanwhile is a conflict.
    /// </summary>
    public async Task<Outcome<ConversationMessage>> SendAsync(string userId, string conversationId, string? content, string? model, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(content) || content.Length > ConversationLimits.MaxMessageLength)
        {
            return Outcome<ConversationMessage>.Invalid("content", $"1 to {ConversationLimits.MaxMessageLength} characters");
        }

        if (InvalidModel(model) is not null)
        {
            return Outcome<ConversationMessage>.Invalid("model", $"1 to {ConversationLimits.MaxModelLength} characters");
        }

        if (await store.FindAsync(userId, conversationId, cancellationToken) is not var (conversation, etag))
        {
            return Outcome<ConversationMessage>.NotFound();
        }

        if (conversation.MessageCount + 2 > ConversationLimits.MaxMessagesPerConversation)
        {
            return Outcome<ConversationMessage>.Invalid("content", $"a conversation holds at most {ConversationLimits.MaxMessagesPerConversation} messages; start a new one");
        }

        var asked = new ConversationMessage { Id = NewId("msg_"), Role = ChatTurn.User, Content = content, CreatedAt = time.GetUtcNow() };
        var turns = conversation.Messages.Append(asked).TakeLast(ConversationLimits.ContextMessages).Select(m => new ChatTurn(m.Role, m.Content)).ToList();
        Provided<ChatReply> reply;
        using (UsageAttribution.Begin(new BilledCall(userId, null, conversation.Id, asked.Id)))
        {
            reply = await chat.ReplyAsync(turns, model ?? conversation.Model, cancellationToken);
        }

        var answer = new ConversationMessage
        {
            Id = NewId("msg_"),
            Role = ChatTurn.Assistant,
            Content = reply.Value.Content,
            Provider = reply.Provider,
            Model = reply.Value.Model,
            InputTokens = reply.Value.InputTokens,
            OutputTokens = reply.Value.OutputTokens,
            CreatedAt = time.GetUtcNow(),
        };
        var messages = conversation.Messages.Append(asked).Append(answer).ToList();
        var updated = conversation with { Messages = messages, MessageCount = messages.Count, UpdatedAt = answer.CreatedAt };
        return await store.ReplaceAsync(updated, etag, cancellationToken)
            ? Outcome<ConversationMessage>.Ok(answer)
            : Outcome<ConversationMessage>.Conflict("the conversation changed while the reply was written; send the message again");
    }

    private static Outcome<ConversationRecord>? InvalidModel(string? model) =>
        model is { Length: 0 or > ConversationLimits.MaxModelLength } || (model is not null && string.IsNullOrWhiteSpace(model))
            ? Outcome<ConversationRecord>.Invalid("model", $"1 to {ConversationLimits.MaxModelLength} characters")
            : null;

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
