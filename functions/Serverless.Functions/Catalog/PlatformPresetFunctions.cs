using Microsoft.Azure.Functions.Worker;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Api;

namespace Serverless.Functions.Catalog;

/// <summary>A publishing platform a render may target (<c>platform_preset</c>), as clients offer it.</summary>
public sealed record PlatformPresetView(string Name, string AspectRatio, int FramesPerSecond, double MaxDurationSeconds)
{
    public static PlatformPresetView Of(PlatformPreset preset) =>
        new(preset.Name, preset.AspectRatio, preset.FramesPerSecond, preset.MaxDurationSeconds);
}

/// <summary>The platform presets of <see cref="PlatformPresets"/>, so clients offer the one table instead of a copy.</summary>
public sealed class PlatformPresetFunctions
{
    [Function("ListPlatformPresets")]
    [Answers<ItemList<PlatformPresetView>>]
    [Fails(StatusCodes.Status401Unauthorized)]
    public IResult List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/render/platform-presets")] HttpRequest req) =>
        ApiResults.Ok(req.HttpContext, new ItemList<PlatformPresetView>([.. PlatformPresets.All.Select(PlatformPresetView.Of)], PlatformPresets.All.Count));
}
