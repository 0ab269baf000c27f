using System.Text.Json;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// The host speaks PascalCase (<c>Data</c>, <c>Outputs</c>); the API's snake_case options must not apply to it.
/// </summary>
public static class FunctionsHostJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = true,
        RespectNullableAnnotations = true,
    };
}
