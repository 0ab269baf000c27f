using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Characters;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Characters;

/// <summary>The character bible of a project: built from the script's declarations, edited here.</summary>
public static class CharactersApi
{
    public static IEndpointRouteBuilder MapCharactersApi(this IEndpointRouteBuilder routes)
    {
        var characters = routes.MapGroup("/api/v1/projects/{projectId}/characters").RequireAuthorization();
        characters.MapGet("", ListAsync).WithName("ListCharacters").Answers<ItemList<CharacterProfile>>().FailsOnOwnedResource();
        characters.MapPost("", AddAsync).WithName("AddCharacter").Takes<CharacterRequest>().Answers<CharacterProfile>(StatusCodes.Status201Created).FailsOnOwnedResource();
        characters.MapPatch("/{characterId}", EditAsync).WithName("EditCharacter").Takes<CharacterRequest>().Answers<CharacterProfile>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        characters.MapDelete("/{characterId}", RemoveAsync).WithName("RemoveCharacter").Answers<CharacterRemoved>().FailsOnOwnedResource();
        return routes;
    }

    /// <summary>Answers the bible's version as an ETag, which an edit sends back in If-Match to refuse overwriting a newer one.</summary>
    private static async Task<IResult> ListAsync(string projectId, HttpContext http, CharacterService characters)
    {
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

    private static async Task<IResult> AddAsync(string projectId, HttpContext http, CharacterService characters)
    {
        var (body, problem) = await JsonBody.ReadAsync<CharacterRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await characters.AddAsync(http.User.UserId(), projectId, body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", profile =>
            Results.Json(ApiResults.Envelope(http, 0, "created", profile), statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> EditAsync(string projectId, string characterId, HttpContext http, CharacterService characters)
    {
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

    private static async Task<IResult> RemoveAsync(string projectId, string characterId, HttpContext http, CharacterService characters) =>
        OutcomeResults.From(
            http,
            await characters.RemoveAsync(http.User.UserId(), projectId, characterId, http.RequestAborted),
            $"Character '{characterId}'",
            removed => ApiResults.Ok(http, new CharacterRemoved(removed, Deleted: true), "deleted"));
}

/// <summary>Body of character create and edit (snake_case on the wire); in an edit, an empty string clears a field.</summary>
public sealed record CharacterRequest(
    string? Name,
    IReadOnlyList<string>? Attributes,
    string? Appearance,
    string? VoiceId,
    string? Color,
    string? ReferenceImageAssetId)
{
    public CharacterDraft ToDraft() => new(Name, Attributes, Appearance, VoiceId, Color, ReferenceImageAssetId);
}

/// <summary>A character taken out of the bible.</summary>
public sealed record CharacterRemoved(string CharacterId, bool Deleted);
