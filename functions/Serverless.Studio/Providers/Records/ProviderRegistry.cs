using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Providers.Records;

/// <summary>
/// Users' provider records: checked (the base URL through the outbound guard), stored with the API key encrypted,
/// and listed per capability behind the operator's provider and the offline one, the order calls try them in.
/// </summary>
public sealed partial class ProviderRegistry(
    ProviderStore store,
    ProviderKeyProtector keys,
    OutboundAddressGuard guard,
    IOptions<ProviderOptions> options,
    IOptions<AzureOpenAIOptions> azure,
    TimeProvider time,
    ILogger<ProviderRegistry> logger)
{
    public const int DefaultPriority = 100;
    private const int MaxPriority = 1000;
    private const int MaxNameLength = 100;
    private const int MinApiKeyLength = 8;
    private const int MaxApiKeyLength = 512;
    private const int MaxModelLength = 100;
    private const decimal MaxPrice = 1000m;

    /// <summary>The models the offline providers stand for, per capability.</summary>
    private static readonly Dictionary<string, string> OfflineModels = new()
    {
        [ProviderCapabilities.Chat] = "storyboard-rules",
        [ProviderCapabilities.Image] = "storyboard-frames",
        [ProviderCapabilities.Speech] = "espeak-ng",
    };

    /// <summary>The model the offline provider of <paramref name="capability"/> stands for, as usage names it.</summary>
    public static string OfflineModelOf(string capability) => OfflineModels.GetValueOrDefault(capability, ProviderNames.Offline);

    public async Task<Outcome<ProviderRecord>> CreateAsync(string userId, ProviderDraft draft, CancellationToken cancellationToken = default)
    {
        if (draft.Kind is null)
        {
            return Outcome<ProviderRecord>.Invalid("kind", $"one of {string.Join(", ", ProviderKinds.All)}");
        }

        if (draft.Name is null)
        {
            return Outcome<ProviderRecord>.Invalid("name", $"1 to {MaxNameLength} characters");
        }

        if (draft.BaseUrl is null)
        {
            return Outcome<ProviderRecord>.Invalid("base_url", "an absolute http(s) URL");
        }

        if (draft.ApiKey is null)
        {
            return Outcome<ProviderRecord>.Invalid("api_key", $"{MinApiKeyLength} to {MaxApiKeyLength} printable characters without spaces");
        }

        var existing = await store.ListAsync(userId, cancellationToken);
        if (existing.Count >= options.Value.MaxProvidersPerUser)
        {
            return Outcome<ProviderRecord>.Invalid("body", $"at most {options.Value.MaxProvidersPerUser} providers per user; delete one first");
        }

        var now = time.GetUtcNow();
        var blank = new ProviderRecord
        {
            Id = "prv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            UserId = userId,
            Kind = draft.Kind,
            Name = draft.Name,
            BaseUrl = draft.BaseUrl,
            ProtectedApiKey = "",
            ApiKeyLast4 = "",
            Models = ProviderModels.None,
            Priority = DefaultPriority,
            Prices = ProviderPrices.None,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var outcome = await ApplyAsync(blank, draft, cancellationToken);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return outcome;
        }

        await store.CreateAsync(outcome.Value!, cancellationToken);
        LogCreated(outcome.Value!.Id, outcome.Value.Kind, userId);
        return outcome;
    }

    public async Task<Outcome<ProviderRecord>> UpdateAsync(string userId, string providerId, ProviderDraft draft, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(userId, providerId, cancellationToken) is not { } record)
        {
            return Outcome<ProviderRecord>.NotFound();
        }

        var outcome = await ApplyAsync(record, draft, cancellationToken);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return outcome;
        }

        var updated = outcome.Value! with { UpdatedAt = time.GetUtcNow() };
        await store.ReplaceAsync(updated, cancellationToken);
        LogUpdated(providerId, userId, draft.ApiKey is not null);
        return Outcome<ProviderRecord>.Ok(updated);
    }

    public Task<ProviderRecord?> FindAsync(string userId, string providerId, CancellationToken cancellationToken = default) =>
        store.FindAsync(userId, providerId, cancellationToken);

    /// <summary>The user's providers in the order calls try them: priority, then age.</summary>
    public async Task<IReadOnlyList<ProviderRecord>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(userId, cancellationToken)).OrderBy(p => p.Priority).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    public async Task<bool> DeleteAsync(string userId, string providerId, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(userId, providerId, cancellationToken);
        if (deleted)
        {
            LogDeleted(providerId, userId);
        }

        return deleted;
    }

    /// <summary>What a user's calls of <paramref name="capability"/> may use: their providers by priority, the operator's, offline.</summary>
    public async Task<IReadOnlyList<UsableModel>> ModelsAsync(string userId, string capability, CancellationToken cancellationToken = default)
    {
        var models = new List<UsableModel>();
        foreach (var provider in await ListAsync(userId, cancellationToken))
        {
            models.AddRange(provider.Models.For(capability).Select(m => new UsableModel(m, provider.Name, provider.Kind, ModelOwner.User, provider.Id, provider.Priority)));
        }

        var operatorModel = capability switch
        {
            ProviderCapabilities.Chat when azure.Value.HasChat => azure.Value.ChatDeployment,
            ProviderCapabilities.Image when azure.Value.HasImages => azure.Value.ImageDeployment,
            ProviderCapabilities.Speech when azure.Value.HasSpeech => azure.Value.SpeechDeployment,
            _ => null,
        };
        if (operatorModel is not null)
        {
            models.Add(new UsableModel(operatorModel, ProviderNames.AzureOpenAI, ProviderKinds.AzureOpenAI, ModelOwner.Operator, null, null));
        }

        models.Add(new UsableModel(OfflineModels[capability], ProviderNames.Offline, ProviderNames.Offline, ModelOwner.Offline, null, null));
        return models;
    }

    /// <summary>The record with the draft's fields applied, or the first field at fault. No reason ever echoes the key.</summary>
    private async Task<Outcome<ProviderRecord>> ApplyAsync(ProviderRecord record, ProviderDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Kind is { } kind && !ProviderKinds.All.Contains(kind))
        {
            return Outcome<ProviderRecord>.Invalid("kind", $"one of {string.Join(", ", ProviderKinds.All)}");
        }

        var name = draft.Name?.Trim();
        if (name is not null && (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl)))
        {
            return Outcome<ProviderRecord>.Invalid("name", $"1 to {MaxNameLength} characters");
        }

        var baseUrl = record.BaseUrl;
        if (draft.BaseUrl is not null)
        {
            if (await guard.CheckUrlAsync(draft.BaseUrl, cancellationToken) is { } badUrl)
            {
                return Outcome<ProviderRecord>.Invalid("base_url", badUrl);
            }

            var uri = new Uri(draft.BaseUrl);
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                // Keys hidden in a query string would be shown back in every answer.
                return Outcome<ProviderRecord>.Invalid("base_url", "a URL without a query or fragment");
            }

            baseUrl = draft.BaseUrl.TrimEnd('/');
        }

        if (draft.ApiKey is { } key && (key.Length is < MinApiKeyLength or > MaxApiKeyLength || key.Any(c => c is < '!' or > '~')))
        {
            return Outcome<ProviderRecord>.Invalid("api_key", $"{MinApiKeyLength} to {MaxApiKeyLength} printable characters without spaces");
        }

        var models = record.Models;
        if (draft.Models is { } sent)
        {
            foreach (var (capability, list) in new[] { (ProviderCapabilities.Chat, sent.Chat), (ProviderCapabilities.Image, sent.Image), (ProviderCapabilities.Speech, sent.Speech) })
            {
                if (list is not null && ModelProblem(list) is { } problem)
                {
                    return Outcome<ProviderRecord>.Invalid($"models.{capability}", problem);
                }
            }

            models = new ProviderModels(sent.Chat ?? models.Chat, sent.Image ?? models.Image, sent.Speech ?? models.Speech);
        }

        if (models.Chat.Count + models.Image.Count + models.Speech.Count == 0)
        {
            return Outcome<ProviderRecord>.Invalid("models", "at least one model for chat, image or speech");
        }

        if (draft.Priority is < 0 or > MaxPriority)
        {
            return Outcome<ProviderRecord>.Invalid("priority", $"0 to {MaxPriority}, lower first");
        }

        if (draft.Prices is { } prices)
        {
            foreach (var (field, price) in new[] { ("image", prices.Image), ("speech_per_1k_chars", prices.SpeechPer1kChars), ("chat_input_per_1k_tokens", prices.ChatInputPer1kTokens), ("chat_output_per_1k_tokens", prices.ChatOutputPer1kTokens) })
            {
                if (price is < 0 or > MaxPrice)
                {
                    return Outcome<ProviderRecord>.Invalid($"prices.{field}", $"0 to {MaxPrice} USD");
                }
            }
        }

        return Outcome<ProviderRecord>.Ok(record with
        {
            Kind = draft.Kind ?? record.Kind,
            Name = name ?? record.Name,
            BaseUrl = baseUrl,
            ProtectedApiKey = draft.ApiKey is { } plain ? keys.Protect(record.UserId, plain) : record.ProtectedApiKey,
            ApiKeyLast4 = draft.ApiKey is { } shown ? shown[^4..] : record.ApiKeyLast4,
            Models = models,
            Priority = draft.Priority ?? record.Priority,
            Prices = draft.Prices ?? record.Prices,
        });
    }

    private string? ModelProblem(IReadOnlyList<string> models)
    {
        var max = options.Value.MaxModelsPerCapability;
        if (models.Count > max)
        {
            return $"at most {max} models";
        }

        if (models.Any(m => m is null || m.Length > MaxModelLength || !ModelName().IsMatch(m)))
        {
            return $"model names of 1 to {MaxModelLength} letters, digits and . _ : / @ -";
        }

        return models.Distinct(StringComparer.Ordinal).Count() == models.Count ? null : "each model once";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/@-]*$")]
    private static partial Regex ModelName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {ProviderId} ({Kind}) added by user {UserId}")]
    private partial void LogCreated(string providerId, string kind, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {ProviderId} of user {UserId} changed (new key: {KeyReplaced})")]
    private partial void LogUpdated(string providerId, string userId, bool keyReplaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {ProviderId} of user {UserId} deleted")]
    private partial void LogDeleted(string providerId, string userId);
}
