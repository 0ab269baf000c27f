using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storyboards;
using SkiaSharp;

namespace Serverless.Studio.Tests.ShotImages;

public sealed class StoryboardFrameRendererTests
{
    private const string Line = "你终于来了！我等了你整整一个下午，咖啡都凉了。";
    private static readonly Character Ming = new("小明", ["男", "学生"]);
    private static readonly Character Hong = new("小红", ["女", "学生"]);
    private static readonly StoryboardFrameRenderer Renderer = new();

    public static TheoryData<string, ShotFraming> StylesAndFramings()
    {
        var data = new TheoryData<string, ShotFraming>();
        foreach (var style in new[] { "anime", "chinese", "comic", "chibi" })
        {
            foreach (var framing in new[] { ShotFraming.Closeup, ShotFraming.OverShoulder, ShotFraming.Medium, ShotFraming.Long })
            {
                data.Add(style, framing);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StylesAndFramings))]
    public async Task Every_style_and_framing_renders_a_drawn_frame_of_the_requested_size(string style, ShotFraming framing)
    {
        var request = Dialogue(style, framing);

        var png = await Renderer.GenerateAsync(request);
        FrameGallery.Save($"{style}-{framing}", png);

        using var frame = FramePixels.Decode(png);
        Assert.Equal((1080, 1920), (frame.Width, frame.Height));
        Assert.True(frame.LuminanceVariance() > 300, $"frame looks blank: variance {frame.LuminanceVariance():0}");
        Assert.True(frame.DistinctColors() > 40, $"frame has only {frame.DistinctColors()} colors");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1080)]
    [InlineData(320, 180)]
    public async Task Any_aspect_ratio_renders_at_its_exact_size(int width, int height)
    {
        var png = await Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Closeup) with { Width = width, Height = height });
        FrameGallery.Save($"anime-closeup-{width}x{height}", png);

        using var frame = FramePixels.Decode(png);
        Assert.Equal((width, height), (frame.Width, frame.Height));
        Assert.True(frame.LuminanceVariance() > 300);
    }

    [Fact]
    public void Every_combination_of_style_framing_line_type_and_aspect_renders()
    {
        foreach (var style in new[] { "anime", "chinese", "comic", "chibi", "unknown" })
        {
            foreach (var framing in Enum.GetValues<ShotFraming>())
            {
                foreach (var type in Enum.GetValues<ScriptLineType>())
                {
                    foreach (var (width, height) in new[] { (480, 270), (270, 480), (300, 300) })
                    {
                        var png = Renderer.Render(Dialogue(style, framing) with { LineType = type, Width = width, Height = height });
                        using var frame = FramePixels.Decode(png);
                        Assert.Equal((width, height), (frame.Width, frame.Height));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("anime")]
    [InlineData("comic")]
    public async Task Chinese_text_is_drawn_with_real_glyphs_not_tofu(string style)
    {
        var request = Dialogue(style, ShotFraming.Medium);
        using var latinOnly = SKFontManager.Default.MatchFamily("DejaVu Sans");
        Assert.NotNull(latinOnly);
        using (var probe = new SKFont(latinOnly))
        {
            Assert.False(probe.ContainsGlyphs("你来了"), "the tofu typeface must lack Hanzi");
        }

        // The same frame lettered with a Latin-only font and no fallback: every Hanzi becomes a .notdef box.
        var tofuRenderer = new StoryboardFrameRenderer(FrameTypefaces.From(latinOnly, latinOnly, latinOnly, fallBackForMissingGlyphs: false));
        var real = await Renderer.GenerateAsync(request);
        var tofu = await tofuRenderer.GenerateAsync(request);
        var blank = await Renderer.GenerateAsync(request with { Text = "　" });
        FrameGallery.Save($"tofu-{style}", tofu);

        using var realFrame = FramePixels.Decode(real);
        using var tofuFrame = FramePixels.Decode(tofu);
        using var blankFrame = FramePixels.Decode(blank);

        // Everything but the lettering is identical, so the difference is the glyphs themselves.
        var glyphDifference = realFrame.DifferenceFrom(tofuFrame);
        Assert.True(glyphDifference > 0.004, $"CJK and tofu lettering differ in only {glyphDifference:P2} of pixels");
        Assert.True(realFrame.DifferenceFrom(blankFrame) > 0.004, "the balloon text left no ink");
    }

    [Fact]
    public void The_frame_typeface_is_the_simplified_Chinese_face_and_has_every_glyph_of_the_line()
    {
        var typefaces = FrameTypefaces.Default;
        Assert.Equal("Noto Sans CJK SC", typefaces.Regular.FamilyName);
        using var shaper = new SkiaSharp.HarfBuzz.SKShaper(typefaces.Regular);
        using var font = new SKFont(typefaces.Regular, 48);

        var shaped = shaper.Shape(Line + "AeroPress「引号」", font);

        // Glyph 0 is .notdef: the tofu box.
        Assert.DoesNotContain(0u, shaped.Codepoints);
        Assert.Equal((Line + "AeroPress「引号」").Length, shaped.Codepoints.Length);
    }

    [Fact]
    public async Task The_same_request_renders_the_same_bytes_even_in_parallel()
    {
        var request = Dialogue("comic", ShotFraming.OverShoulder);

        var first = await Renderer.GenerateAsync(request);
        var second = await new StoryboardFrameRenderer().GenerateAsync(request);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Renderer.GenerateAsync(request)));

        Assert.Equal(first, second);
        Assert.All(parallel, png => Assert.Equal(first, png));
    }

    [Fact]
    public async Task Time_of_day_changes_the_palette()
    {
        var dusk = await Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Long) with { Time = "傍晚" });
        var night = await Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Long) with { Time = "NIGHT" });
        var morning = await Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Long) with { Time = "morning" });
        FrameGallery.Save("anime-long-night", night);
        FrameGallery.Save("anime-long-morning", morning);

        using var duskFrame = FramePixels.Decode(dusk);
        using var nightFrame = FramePixels.Decode(night);
        using var morningFrame = FramePixels.Decode(morning);
        var sky = (x: 540, y: 300);
        Assert.True(Brightness(nightFrame[sky.x, sky.y]) + 60 < Brightness(morningFrame[sky.x, sky.y]), "night sky should be much darker than morning");
        Assert.True(duskFrame[sky.x, 900].Red > duskFrame[sky.x, 900].Blue, "dusk sky near the horizon should be warm");
    }

    [Fact]
    public async Task Styles_are_visibly_different()
    {
        var frames = new Dictionary<string, FramePixels>();
        try
        {
            foreach (var style in new[] { "anime", "chinese", "comic", "chibi" })
            {
                frames[style] = FramePixels.Decode(await Renderer.GenerateAsync(Dialogue(style, ShotFraming.Medium)));
            }

            foreach (var a in frames.Keys)
            {
                foreach (var b in frames.Keys.Where(b => string.CompareOrdinal(a, b) < 0))
                {
                    Assert.True(frames[a].DifferenceFrom(frames[b]) > 0.1, $"{a} and {b} look alike");
                }
            }

            Assert.True(frames["chinese"].MeanSaturation() < frames["comic"].MeanSaturation() * 0.6, "ink style should be far less saturated than comic");
        }
        finally
        {
            foreach (var frame in frames.Values)
            {
                frame.Dispose();
            }
        }
    }

    [Fact]
    public async Task Narration_and_action_get_a_caption_and_a_bare_scene_still_renders()
    {
        var narration = await Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Long) with { LineType = ScriptLineType.Narration, Speaker = null, Text = "那天傍晚，城市的灯一盏一盏亮了起来。" });
        var action = await Renderer.GenerateAsync(Dialogue("comic", ShotFraming.Medium) with { LineType = ScriptLineType.Action, Speaker = null, Text = "小明转身跑开" });
        var empty = await Renderer.GenerateAsync(new ShotImageRequest { ShotId = "s0", Framing = ShotFraming.Long, Location = "", Time = "", Width = 640, Height = 360 });
        FrameGallery.Save("anime-long-narration", narration);
        FrameGallery.Save("comic-medium-action", action);
        FrameGallery.Save("empty-scene", empty);

        using var frame = FramePixels.Decode(empty);
        Assert.True(frame.LuminanceVariance() > 100);

        // Requests deserialized from JSON can carry nulls the type system promised away.
        var nulls = new ShotImageRequest { ShotId = "s0", Framing = ShotFraming.Medium, Location = null!, Time = null!, Characters = null!, Style = null!, Width = 320, Height = 180, Text = "x" };
        Assert.NotEmpty(await Renderer.GenerateAsync(nulls with { Style = "chinese" }));
    }

    [Fact]
    public async Task Long_text_mixed_scripts_and_symbols_render_without_failing()
    {
        var text = string.Concat(Enumerable.Repeat("这是一句非常非常长的台词，用来测试自动换行和缩小字号。AeroPress makes coffee! 😀 ", 6));
        var png = await Renderer.GenerateAsync(Dialogue("chibi", ShotFraming.Closeup) with { Text = text });
        FrameGallery.Save("chibi-closeup-long-text", png);

        using var frame = FramePixels.Decode(png);
        Assert.Equal(1920, frame.Height);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_clearly()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Closeup) with { Width = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Renderer.GenerateAsync(Dialogue("anime", ShotFraming.Closeup) with { ShotId = " " }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Renderer.GenerateAsync(null!));
    }

    internal static ShotImageRequest Dialogue(string style, ShotFraming framing) => new()
    {
        ShotId = "scene1-shot3",
        Framing = framing,
        Location = "现代都市街道",
        Time = "傍晚",
        Characters = [Ming, Hong],
        Speaker = "小红",
        Text = Line,
        LineType = ScriptLineType.Dialogue,
        Style = style,
        Width = 1080,
        Height = 1920,
    };

    private static int Brightness(SKColor c) => (c.Red + c.Green + c.Blue) / 3;
}
