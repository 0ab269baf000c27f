namespace Serverless.Studio.Conversations;

/// <summary>
/// A user's chat conversation, stored in <c>conversations</c>, partitioned by user, its messages inside (bounded by
/// <see cref="ConversationLimits"/>, so the document stays far below Cosmos DB's 2 MB).
/// </summary>
public sealed record ConversationRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Title { get; init; }

    /// <summary>The chat model the conversation asks when a message names none; null: the first one routed.</summary>
    public string? Model { get; init; }

    public required int MessageCount { get; init; }
    public required IReadOnlyList<ConversationMessage> Messages { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One message: the user's, or the assistant's reply with the provider, model and tokens that made it.</summary>
public sealed record ConversationMessage
{
    public required string Id { get; init; }
    public required string Role { get; init; }
    public required string Content { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A conversation as a list shows it: without its messages.</summary>
public sealed record ConversationSummary(string Id, string Title, string? Model, int MessageCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a user may send: every count and length is bounded.</summary>
public static class ConversationLimits
{
    public const int MaxConversationsPerUser = 100;

    /// <summary>The user's messages and the replies together.</summary>
    public const int MaxMessagesPerConversation = 100;

    public const int MaxMessageLength = 4000;
    public const int MaxTitleLength = 200;
    public const int MaxModelLength = 100;

    /// <summary>The latest messages a reply is asked with.</summary>
    public const int ContextMessages = 20;
}
