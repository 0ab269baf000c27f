using OpenAI.Chat;
using Serverless.Studio.Providers.OpenAICompatible;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// Chat replies from the current user's own providers serving the chosen model, by priority, then Azure OpenAI's chat
/// deployment when configured and chosen (or no model is named). There is no offline chat: with no provider, or when
/// every one fails, <see cref="ChatUnavailableException"/>.
/// </summary>
public sealed class ChatFallback(ChatClient? cloud, string? operatorModel, ProviderFallback fallback, UserProviderCalls? users = null)
{
    public async Task<Provided<ChatReply>> ReplyAsync(IReadOnlyList<ChatTurn> turns, string? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var routed = 0;
        var operatorServes = cloud is not null && operatorModel is not null && (model is null || model == operatorModel);
        return await fallback.ExecuteAsync<ChatReply>(
            users is null ? null : async (user, token) =>
            {
                var candidates = await users.ChatAsync(user, turns, model, token).ConfigureAwait(false);
                routed = candidates.Count;
                return candidates;
            },
            operatorServes ? token => ChatCompletionCall.CompleteAsync(cloud!, operatorModel!, turns, token) : null,
            _ => throw (routed == 0 && !operatorServes
                ? new ChatUnavailableException(true, model is null ? "No chat model is available: add a provider that serves one." : $"No provider serves the chat model '{model}'.")
                : new ChatUnavailableException(false, "Every provider of the chat model failed; try again shortly.")),
            reply => new UsageSample(InputTokens: reply.InputTokens, OutputTokens: reply.OutputTokens),
            UsageSample.None,
            cancellationToken).ConfigureAwait(false);
    }
}
