using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Serverless.Functions.Accounts;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.Api;

/// <summary>
/// What every HTTP function passes through, in either host (the worker's <see cref="ApiGateMiddleware"/>, the local
/// runner's endpoints): failures answered in the envelope, an API key's lookup limited per address, the caller authenticated (bearer token or API key), the
/// per-user rate limit, then the function's own access rule (<c>[AllowAnonymous]</c>, <c>[Authorize(Policy)]</c>, else
/// any signed-in caller).
/// </summary>
public sealed class ApiGate(
    ApiExceptionHandler errors,
    CallerRateLimit rateLimit,
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator)
{
    public async Task InvokeAsync(HttpContext http, FunctionDescriptor function, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await PassAsync(http, function, next);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await errors.TryHandleAsync(http, Unwrap(e), http.RequestAborted);
        }
    }

    private async Task PassAsync(HttpContext http, FunctionDescriptor function, Func<Task> next)
    {
        if (!await rateLimit.TryLookUpKeyAsync(http))
        {
            return;
        }

        var caller = await http.AuthenticateAsync();
        if (caller.Principal is not null)
        {
            http.User = caller.Principal;
        }

        if (!await rateLimit.TryEnterAsync(http))
        {
            return;
        }

        next = OnlyWithPossibleIds(http, next);

        if (function.AllowsAnonymous)
        {
            await next();
            return;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, function.Authorization)
            ?? throw new InvalidOperationException($"Function {function.Name} has no authorization policy.");
        var authentication = await evaluator.AuthenticateAsync(policy, http);
        var verdict = await evaluator.AuthorizeAsync(policy, authentication, http, function);
        if (verdict.Challenged)
        {
            await http.ChallengeAsync();
        }
        else if (verdict.Forbidden)
        {
            await http.ForbidAsync();
        }
        else
        {
            await next();
        }
    }

    /// <summary>
    /// Every route value of the API is an id of ours; one that no document could have (a space, a '/', a lone surrogate)
    /// is answered 404 here, so no function hands it to the database, which answers such ids with an error.
    /// </summary>
    private static Func<Task> OnlyWithPossibleIds(HttpContext http, Func<Task> next) =>
        http.Request.RouteValues.Values.All(v => v is not string id || Serverless.Studio.Storage.CosmosPointReads.IsPossibleId(id))
            ? next
            : () => ApiResults.NotFound(http, "The resource").ExecuteAsync(http);

    /// <summary>The failure itself, not the reflection or aggregate wrapper a host put around it.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
