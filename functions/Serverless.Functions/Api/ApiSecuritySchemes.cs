using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serverless.Functions.Auth;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.Api;

/// <summary>
/// The two ways to authenticate, declared in the OpenAPI document so the reference page can authorize its calls:
/// a bearer access token from <c>POST /api/v1/auth/login</c>, or an API key in <c>X-Api-Key</c>. Each endpoint
/// that requires a caller lists both (either one will do); anonymous endpoints list none.
/// </summary>
public static class ApiSecuritySchemes
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";

    public static OpenApiOptions AddApiSecuritySchemes(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            Declare(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<FunctionDescriptor>().FirstOrDefault() is not { AllowsAnonymous: false } || context.Document is not { } document)
            {
                return Task.CompletedTask;
            }

            // The schemes are declared here too: a requirement only serializes when its reference resolves.
            Declare(document);
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Declare(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login or /api/v1/auth/refresh.",
        });
        document.Components.SecuritySchemes.TryAdd(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A key from POST /api/v1/keys.",
        });
    }
}
