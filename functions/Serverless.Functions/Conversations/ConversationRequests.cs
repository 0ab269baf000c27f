using Serverless.Studio.Conversations;

namespace Serverless.Functions.Conversations;

/// <summary>Body of <c>POST /api/v1/conversations</c>: both optional.</summary>
public sealed record ConversationRequest(string? Title, string? Model);

/// <summary>Body of <c>POST /api/v1/conversations/{id}/messages</c>: the text, and the chat model when not the conversation's.</summary>
public sealed record MessageRequest(string? Content, string? Model);

/// <summary>One message as answered; a reply names its provider, model and tokens.</summary>
public sealed record MessageView(string MessageId, string Role, string Content, string? Provider, string? Model, long InputTokens, long OutputTokens, DateTimeOffset CreatedAt)
{
    public static MessageView Of(ConversationMessage m) => new(m.Id, m.Role, m.Content, m.Provider, m.Model, m.InputTokens, m.OutputTokens, m.CreatedAt);
}

/// <summary>A conversation as a list shows it.</summary>
public sealed record ConversationSummaryView(string ConversationId, string Title, string? Model, int MessageCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationSummaryView Of(ConversationSummary c) => new(c.Id, c.Title, c.Model, c.MessageCount, c.CreatedAt, c.UpdatedAt);
}

/// <summary>A conversation with its messages, oldest first.</summary>
public sealed record ConversationView(string ConversationId, string Title, string? Model, int MessageCount, IReadOnlyList<MessageView> Messages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationView Of(ConversationRecord c) =>
        new(c.Id, c.Title, c.Model, c.MessageCount, c.Messages.Select(MessageView.Of).ToList(), c.CreatedAt, c.UpdatedAt);
}

/// <summary>A removed conversation.</summary>
public sealed record ConversationDeleted(string ConversationId, bool Deleted);
