using OpenAI.Chat;
using Serverless.Studio.Providers.Fallback;

namespace Serverless.Studio.Providers.OpenAICompatible;

/// <summary>One chat completion over OpenAI's wire format, whichever service (a user's or Azure OpenAI) stands behind the client.</summary>
public static class ChatCompletionCall
{
    public static async Task<ChatReply> CompleteAsync(ChatClient client, string model, IReadOnlyList<ChatTurn> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(turns);
        var messages = turns.Select(t => t.Role == ChatTurn.Assistant ? (ChatMessage)new AssistantChatMessage(t.Content) : new UserChatMessage(t.Content)).ToList();
        var completion = (await client.CompleteChatAsync(messages, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatReply(text, model, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
    }
}
