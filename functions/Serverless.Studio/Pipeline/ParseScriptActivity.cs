using Serverless.Contracts.Rendering;
using Microsoft.DurableTask;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Pipeline;

/// <summary>Reads the uploaded script and parses it. A script that is not a screenplay is a result, not an error.</summary>
public sealed class ParseScriptActivity(AssetStore assets) : TaskActivity<BlobRef, ParseResult>
{
    public override async Task<ParseResult> RunAsync(TaskActivityContext context, BlobRef input)
    {
        var script = await assets.DownloadAsync(input);
        return ScreenplayParser.Parse(script.ToString());
    }
}
