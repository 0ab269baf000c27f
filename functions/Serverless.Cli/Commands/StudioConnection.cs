using System.CommandLine;
using Serverless.Cli.Api;

namespace Serverless.Cli.Commands;

/// <summary>Where the studio is and the key to call it with: the options every command that calls the API shares.</summary>
public sealed class StudioConnection
{
    public Option<Uri> Url { get; } = new("--url")
    {
        Description = "The studio's address (env SERVERLESS_URL).",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("SERVERLESS_URL") ?? "http://127.0.0.1:7071"),
        // System.CommandLine has no built-in Uri conversion: parse it here, with a one-line error.
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
            {
                return parsed;
            }

            result.AddError($"--url must be an absolute http(s) address, not '{text}'.");
            return null;
        },
    };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key (env SERVERLESS_API_KEY)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
    }

    /// <summary>A client for the parsed address and key, or the one-line reason there is none.</summary>
    public bool TryCreateClient(ParseResult parse, out StudioApiClient client, out string error)
    {
        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("SERVERLESS_API_KEY");
        if (string.IsNullOrEmpty(key))
        {
            (client, error) = (null!, "no API key: pass --api-key or set SERVERLESS_API_KEY");
            return false;
        }

        (client, error) = (StudioApiClient.Create(parse.GetValue(Url)!, key), "");
        return true;
    }
}
