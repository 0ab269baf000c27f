using SkiaSharp;

namespace Serverless.Testing.Ocr.Tests;

public sealed class DbPostprocessorTests
{
    private const int Width = 64;
    private const int Height = 32;

    [Fact]
    public void Finds_each_confident_region_and_grows_it_by_area_times_ratio_over_perimeter()
    {
        var map = new float[Width * Height];
        Fill(map, 10, 5, 29, 12, 0.9f);   // 20 x 8 pixels: corner points 10..29, 5..12
        Fill(map, 40, 20, 59, 27, 0.8f);

        var boxes = new DbPostprocessor().Extract(map, Width, Height).OrderBy(b => b.Box.Left).ToList();

        Assert.Equal(2, boxes.Count);
        Assert.Equal(0.9f, boxes[0].Score, 3);
        // Box between pixel centres is 19 x 7; distance = 19*7*1.5 / (2*(19+7)) ≈ 3.837.
        var distance = 19f * 7 * 1.5f / (2 * (19 + 7));
        Assert.Equal(new SKRect(10 - distance, 5 - distance, 29 + distance, 12 + distance), boxes[0].Box);
    }

    [Fact]
    public void Drops_regions_whose_mean_probability_is_below_the_box_threshold()
    {
        var map = new float[Width * Height];
        Fill(map, 10, 5, 29, 12, 0.5f);  // above the 0.3 binarisation, below the 0.6 box score

        Assert.Empty(new DbPostprocessor().Extract(map, Width, Height));
    }

    [Fact]
    public void Drops_specks_thinner_than_the_minimum_size()
    {
        var map = new float[Width * Height];
        Fill(map, 10, 5, 40, 6, 0.95f);  // a two-pixel-high streak

        Assert.Empty(new DbPostprocessor().Extract(map, Width, Height));
    }

    [Fact]
    public void Diagonally_touching_pixels_are_one_region()
    {
        var map = new float[Width * Height];
        Fill(map, 5, 5, 14, 14, 0.9f);
        Fill(map, 15, 15, 24, 24, 0.9f);

        var box = Assert.Single(new DbPostprocessor(boxThreshold: 0.3f).Extract(map, Width, Height));
        Assert.True(box.Box.Left < 5 && box.Box.Right > 24);
    }

    [Theory]
    [InlineData(1080, 1920, 544, 960)]
    [InlineData(1080, 384, 960, 352)]
    [InlineData(300, 100, 288, 96)]
    [InlineData(10, 10, 32, 32)]
    public void Detector_input_keeps_the_long_side_within_960_in_multiples_of_32(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), TextDetector.InputSize(width, height));
    }

    private static void Fill(float[] map, int left, int top, int right, int bottom, float value)
    {
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                map[y * Width + x] = value;
            }
        }
    }
}
