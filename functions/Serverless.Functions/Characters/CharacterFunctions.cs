using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Characters;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Characters;

/// <summary>The character bible of a project: built from the script's declarations, edited here.</summary>

/// <summary>A project's character bible.</summary>
public sealed class CharacterFunctions(CharacterService characters, CharacterVoiceSamples samples, VoiceChoices voices, AssetStore blobs)
{
    /// <summary>The voice ids a character may be given (<c>voice_id</c>).</summary>
    [Function("ListVoices")]
    [Answers<ItemList<string>>]
    [Fails(StatusCodes.Status401Unauthorized)]
    public IResult Voices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/voices")] HttpRequest req) =>
        ApiResults.Ok(req.HttpContext, new ItemList<string>(voices.All, voices.All.Count));

    /// <summary>A short line in the character's voice (recorded on first asking, kept until the voice changes), as a short-lived link.</summary>
    [Function("GetCharacterVoiceSample")]
    [Answers<CharacterVoiceSampleLink>]
    [FailsOnOwnedResource]
    public async Task<IResult> VoiceSampleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/characters/{characterId}/voice-sample")] HttpRequest req, string projectId, string characterId)
    {
        var http = req.HttpContext;
        if (await samples.SampleAsync(http.User.UserId(), projectId, characterId, http.RequestAborted) is not { } sample)
        {
            return ApiResults.NotFound(http, $"Character '{characterId}' of project '{projectId}'");
        }

        var (url, expiresAt) = await blobs.CreateDownloadLinkAsync(sample, $"{characterId}.wav", http.RequestAborted);
        return ApiResults.Ok(http, new CharacterVoiceSampleLink(characterId, url, expiresAt));
    }

    /// <summary>Answers the bible's version as an ETag, which an edit sends back in If-Match to refuse overwriting a newer one.</summary>
    [Function("ListCharacters")]
    [Answers<ItemList<CharacterProfile>>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/characters")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        if (await characters.FindVersionAsync(http.User.UserId(), projectId, http.RequestAborted) is not var (bible, etag))
        {
            return ApiResults.NotFound(http, $"Project '{projectId}'");
        }

        if (etag is not null)
        {
            http.Response.Headers.ETag = EntityTags.Quoted(etag);
        }

        return ApiResults.Ok(http, new ItemList<CharacterProfile>(bible.Characters, bible.Characters.Count));
    }

    [Function("AddCharacter")]
    [Takes<CharacterRequest>]
    [Answers<CharacterProfile>(StatusCodes.Status201Created)]
    [FailsOnOwnedResource]
    public async Task<IResult> AddAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/characters")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<CharacterRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await characters.AddAsync(http.User.UserId(), projectId, body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", profile =>
            Results.Json(ApiResults.Envelope(http, 0, "created", profile), statusCode: StatusCodes.Status201Created));
    }

    [Function("EditCharacter")]
    [Takes<CharacterRequest>]
    [Answers<CharacterProfile>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> EditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/characters/{characterId}")] HttpRequest req, string projectId, string characterId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<CharacterRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var (outcome, etag) = await characters.EditAsync(
            http.User.UserId(), projectId, characterId, body!.ToDraft(), ifMatch.Length == 0 ? null : ifMatch, http.RequestAborted);
        if (etag is not null && outcome.Kind == Serverless.Studio.Projects.OutcomeKind.Ok)
        {
            // The bible's new version, so the client's next edit needs no GET first.
            http.Response.Headers.ETag = EntityTags.Quoted(etag);
        }

        return OutcomeResults.From(http, outcome, $"Character '{characterId}'", profile => ApiResults.Ok(http, profile));
    }

    [Function("RemoveCharacter")]
    [Answers<CharacterRemoved>]
    [FailsOnOwnedResource]
    public async Task<IResult> RemoveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/characters/{characterId}")] HttpRequest req, string projectId, string characterId) =>
        OutcomeResults.From(
            req.HttpContext,
            await characters.RemoveAsync(req.HttpContext.User.UserId(), projectId, characterId, req.HttpContext.RequestAborted),
            $"Character '{characterId}'",
            removed => ApiResults.Ok(req.HttpContext, new CharacterRemoved(removed, Deleted: true), "deleted"));
}

/// <summary>Body of character create and edit (snake_case on the wire); in an edit, an empty string clears a field.</summary>
public sealed record CharacterRequest(
    string? Name,
    IReadOnlyList<string>? Attributes,
    string? Appearance,
    string? VoiceId,
    string? Color,
    string? ReferenceImageAssetId,
    CharacterLookEdit? Look = null)
{
    public CharacterDraft ToDraft() => new(Name, Attributes, Appearance, VoiceId, Color, ReferenceImageAssetId, Look);
}

/// <summary>A short-lived read link to a character's voice sample.</summary>
public sealed record CharacterVoiceSampleLink(string CharacterId, Uri Url, DateTimeOffset ExpiresAt);

/// <summary>A character taken out of the bible.</summary>
public sealed record CharacterRemoved(string CharacterId, bool Deleted);
