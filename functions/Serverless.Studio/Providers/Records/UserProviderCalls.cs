using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Chat;
using OpenAI.Images;
using Polly;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.OpenAICompatible;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Providers.Records;

/// <summary>
/// A user's own <c>openai-compatible</c> providers as fallback candidates, by priority: each with its own circuit
/// (kept per provider id and capability), its key decrypted only for the call, and every connection through
/// <see cref="OutboundAddressGuard"/> on the address actually dialled.
/// </summary>
public sealed class UserProviderCalls : IDisposable
{
    private readonly ProviderRegistry _registry;
    private readonly ProviderKeyProtector _keys;
    private readonly IOptions<AzureOpenAIOptions> _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _circuits = new(StringComparer.Ordinal);

    public UserProviderCalls(ProviderRegistry registry, ProviderKeyProtector keys, OutboundAddressGuard guard, IOptions<AzureOpenAIOptions> options, TimeProvider time)
    {
        (_registry, _keys, _options, _time) = (registry, keys, options, time);

        // No redirects and no proxy: the guard must see every address the request goes to.
        _http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, AllowAutoRedirect = false, UseProxy = false })
        {
            Timeout = options.Value.Timeout + TimeSpan.FromSeconds(5),
        };
    }

    /// <summary>The user's providers that calls of <paramref name="capability"/> go to, in the order they are tried.</summary>
    public async Task<IReadOnlyList<ProviderRecord>> RoutedAsync(string userId, string capability, CancellationToken cancellationToken = default) =>
        (await _registry.ListAsync(userId, cancellationToken)).Where(p => p.Kind == ProviderKinds.OpenAICompatible && p.Models.For(capability).Count > 0).ToList();

    public async Task<IReadOnlyList<ProviderCandidate<byte[]>>> ImagesAsync(string userId, ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        var candidates = new List<ProviderCandidate<byte[]>>();
        foreach (var provider in await RoutedAsync(userId, ProviderCapabilities.Image, cancellationToken))
        {

            var images = new ImageClient(provider.Models.Image[0], new ApiKeyCredential(_keys.Reveal(provider)), ClientOptions(provider));

            // The adapter speaks the OpenAI images API whichever service stands behind the client.
            var generator = new AzureOpenAIShotImageGenerator(images);
            candidates.Add(new ProviderCandidate<byte[]>(provider.Id, Circuit(provider.Id, ProviderCapabilities.Image), token => generator.GenerateAsync(request, token))
            {
                Model = provider.Models.Image[0],
                Prices = provider.Prices,
                CacheRequest = Canonical(provider, provider.Models.Image[0], ProviderCapabilities.Image, ShotImagePrompt.Compose(request), $"{request.Width}x{request.Height}"),
            });
        }

        return candidates;
    }

    public async Task<IReadOnlyList<ProviderCandidate<SpeechClip>>> SpeechAsync(string userId, SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var candidates = new List<ProviderCandidate<SpeechClip>>();
        foreach (var provider in await RoutedAsync(userId, ProviderCapabilities.Speech, cancellationToken))
        {

            var audio = new AudioClient(provider.Models.Speech[0], new ApiKeyCredential(_keys.Reveal(provider)), ClientOptions(provider));
            var synthesizer = new OpenAICompatibleSpeechSynthesizer(audio, provider.Id, _options.Value);
            candidates.Add(new ProviderCandidate<SpeechClip>(provider.Id, Circuit(provider.Id, ProviderCapabilities.Speech), token => synthesizer.SynthesizeAsync(request, token))
            {
                Model = provider.Models.Speech[0],
                Prices = provider.Prices,
                CacheRequest = Canonical(
                    provider,
                    provider.Models.Speech[0],
                    ProviderCapabilities.Speech,
                    AzureOpenAIVoiceCasting.Cast(request, _options.Value),
                    EmotionProsody.For(request.Emotion).RateFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    request.Text.Trim()),
            });
        }

        return candidates;
    }

    /// <summary>
    /// The user's providers serving chat <paramref name="model"/> (each one's first chat model when none is named); not
    /// cached: a conversation's next reply is never the same question twice.
    /// </summary>
    public async Task<IReadOnlyList<ProviderCandidate<ChatReply>>> ChatAsync(string userId, IReadOnlyList<ChatTurn> turns, string? model, CancellationToken cancellationToken = default)
    {
        var candidates = new List<ProviderCandidate<ChatReply>>();
        foreach (var provider in await RoutedAsync(userId, ProviderCapabilities.Chat, cancellationToken))
        {
            var chosen = model ?? provider.Models.Chat[0];
            if (!provider.Models.Chat.Contains(chosen, StringComparer.Ordinal))
            {
                continue;
            }

            var chat = new ChatClient(chosen, new ApiKeyCredential(_keys.Reveal(provider)), ClientOptions(provider));
            candidates.Add(new ProviderCandidate<ChatReply>(provider.Id, Circuit(provider.Id, ProviderCapabilities.Chat), token => ChatCompletionCall.CompleteAsync(chat, chosen, turns, token))
            {
                Model = chosen,
                Prices = provider.Prices,
            });
        }

        return candidates;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The request as the provider receives it, one field a line (JSON-escaped, so no field can pose as another): the
    /// same text, the same answer. The provider's id stays out, so a provider added again still finds its results.
    /// </summary>
    private static string Canonical(ProviderRecord provider, string model, string capability, params string[] fields) =>
        string.Join('\n', new[] { provider.Kind, provider.BaseUrl.TrimEnd('/'), model, capability }.Concat(fields).Select(f => System.Text.Json.JsonSerializer.Serialize(f)));

    private OpenAIClientOptions ClientOptions(ProviderRecord provider) => new()
    {
        Endpoint = new Uri(provider.BaseUrl),
        Transport = new HttpClientPipelineTransport(_http),
        RetryPolicy = new ClientRetryPolicy(_options.Value.MaxRetries),
        NetworkTimeout = _options.Value.Timeout + TimeSpan.FromSeconds(5),
    };

    // Per capability too: a provider whose image endpoint fails may still speak, and its voices should not be cut off.
    private ResiliencePipeline Circuit(string providerId, string capability) =>
        _circuits.GetOrAdd($"{providerId}:{capability}", _ => ProviderCircuit.Create(_options.Value, _time));
}
