using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// The colors of a time of day: sky gradient, ground, the sun or moon, and the ambient light that tints everything
/// else in the frame (warm at dusk, dark blue at night) so scenery and figures sit in the same light.
/// </summary>
internal sealed record FramePalette(
    TimeOfDay Time,
    SKColor SkyTop,
    SKColor SkyMiddle,
    SKColor SkyBottom,
    SKColor Ground,
    SKColor LightSource,
    float LightHeight,        // 0 = horizon, 1 = top of the sky
    SKColor Ambient,
    float AmbientStrength,
    bool Stars,
    bool LitWindows)
{
    public static FramePalette For(TimeOfDay time) => time switch
    {
        TimeOfDay.Morning => new(time, new(0x7C, 0xC4, 0xEE), new(0xBF, 0xE3, 0xF2), new(0xFF, 0xE6, 0xC0), new(0x8C, 0xBE, 0x6C),
            new(0xFF, 0xE0, 0x8A), 0.35f, new(0xFF, 0xF1, 0xD8), 0.08f, Stars: false, LitWindows: false),
        TimeOfDay.Dusk => new(time, new(0x3A, 0x2C, 0x6E), new(0xD9, 0x5F, 0x7C), new(0xFF, 0xA0, 0x4E), new(0x6E, 0x55, 0x5C),
            new(0xFF, 0x8A, 0x3D), 0.12f, new(0xFF, 0x8E, 0x5A), 0.22f, Stars: false, LitWindows: true),
        TimeOfDay.Night => new(time, new(0x07, 0x0D, 0x2A), new(0x14, 0x1F, 0x4A), new(0x2C, 0x3A, 0x6A), new(0x1D, 0x24, 0x38),
            new(0xF4, 0xF1, 0xD4), 0.75f, new(0x1A, 0x24, 0x55), 0.48f, Stars: true, LitWindows: true),
        _ => new(time, new(0x2F, 0x86, 0xDD), new(0x7A, 0xBD, 0xF0), new(0xCF, 0xEC, 0xFF), new(0x6C, 0xB2, 0x58),
            new(0xFF, 0xF6, 0xC8), 0.8f, SKColors.White, 0f, Stars: false, LitWindows: false),
    };

    /// <summary>A scenery or figure color under this light.</summary>
    public SKColor Light(SKColor color) => FrameStyle.Mix(color, Ambient.WithAlpha(color.Alpha), AmbientStrength);
}
