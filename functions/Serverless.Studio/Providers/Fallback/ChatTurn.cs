namespace Serverless.Studio.Providers.Fallback;

/// <summary>One message of a chat as a model reads it: <c>user</c> or <c>assistant</c>, and its text.</summary>
public sealed record ChatTurn(string Role, string Content)
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

/// <summary>A chat model's answer and the tokens it took (from the response's <c>usage</c>): what the call is priced by.</summary>
public sealed record ChatReply(string Content, string Model, long InputTokens, long OutputTokens);

/// <summary>No provider serves the chat model asked for (there is no offline chat), or every one that does failed.</summary>
public sealed class ChatUnavailableException(bool noModel, string message) : Exception(message)
{
    /// <summary>True when no provider serves the model at all; false when those that do all failed.</summary>
    public bool NoModel { get; } = noModel;
}
