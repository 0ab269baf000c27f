using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Providers.Records;

namespace Serverless.Functions.Providers;

/// <summary>A user's own AI providers (bring your own key) and the models their calls may use.</summary>
public sealed class ProviderFunctions(ProviderRegistry providers)
{
    private const int MaxIdLength = 64;

    [Function("CreateProvider")]
    [Takes<ProviderRequest>]
    [Answers<ProviderView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/providers")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ProviderRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await providers.CreateAsync(http.User.UserId(), body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Provider", p =>
            Results.Json(ApiResults.Envelope(http, 0, "created", ProviderView.Of(p)), statusCode: StatusCodes.Status201Created));
    }

    [Function("ListProviders")]
    [Answers<ApiPage<ProviderView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/providers")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await providers.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.Select(ProviderView.Of).ToList()));
    }

    [Function("GetProvider")]
    [Answers<ProviderView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/providers/{providerId}")] HttpRequest req, string providerId) =>
        providerId.Length <= MaxIdLength && await providers.FindAsync(req.HttpContext.User.UserId(), providerId, req.HttpContext.RequestAborted) is { } provider
            ? ApiResults.Ok(req.HttpContext, ProviderView.Of(provider))
            : ApiResults.NotFound(req.HttpContext, Provider(providerId));

    [Function("UpdateProvider")]
    [Takes<ProviderRequest>]
    [Answers<ProviderView>]
    [FailsOnOwnedResource]
    public async Task<IResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/providers/{providerId}")] HttpRequest req, string providerId)
    {
        var http = req.HttpContext;
        if (providerId.Length > MaxIdLength)
        {
            return ApiResults.NotFound(http, Provider(providerId));
        }

        var (body, problem) = await JsonBody.ReadAsync<ProviderRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await providers.UpdateAsync(http.User.UserId(), providerId, body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, Provider(providerId), p => ApiResults.Ok(http, ProviderView.Of(p)));
    }

    [Function("DeleteProvider")]
    [Answers<ProviderDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/providers/{providerId}")] HttpRequest req, string providerId) =>
        providerId.Length <= MaxIdLength && await providers.DeleteAsync(req.HttpContext.User.UserId(), providerId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new ProviderDeleted(providerId, Deleted: true), "deleted")
            : ApiResults.NotFound(req.HttpContext, Provider(providerId));

    /// <summary>The models of one capability the caller may use: their providers by priority, then the operator's, then offline.</summary>
    [Function("ListModels")]
    [Answers<ModelList>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ModelsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models/{capability}")] HttpRequest req, string capability)
    {
        var http = req.HttpContext;
        if (!ProviderCapabilities.All.Contains(capability))
        {
            return ApiResults.BadRequest(http, "capability", $"one of {string.Join(", ", ProviderCapabilities.All)}");
        }

        return ApiResults.Ok(http, new ModelList(capability, await providers.ModelsAsync(http.User.UserId(), capability, http.RequestAborted)));
    }

    // The id is the caller's own input; bounded before it is echoed.
    private static string Provider(string providerId) => $"Provider '{(providerId.Length <= MaxIdLength ? providerId : providerId[..MaxIdLength] + "…")}'";
}
