using Serverless.Contracts.Rendering;
using Serverless.Studio.Catalog;

namespace Serverless.Studio.Tests.Catalog;

/// <summary>How a script's cue finds its catalog effect: exact name, then a name with every word, then category.</summary>
public sealed class SoundEffectLibraryTests
{
    private static CatalogEntry Effect(string blob, double? lufs = null)
    {
        var parts = blob.Split('/');
        return new CatalogEntry
        {
            Id = blob,
            Kind = CatalogKinds.SoundEffect,
            Name = Path.GetFileNameWithoutExtension(parts[^1]),
            Category = parts.Length >= 3 ? parts[1] : "general",
            Blob = blob,
            LoudnessLufs = lufs,
            IndexedAt = DateTimeOffset.UnixEpoch,
        };
    }

    private static readonly CatalogEntry[] Catalog =
    [
        Effect("sfx/doors/heavy_door_knock.wav"),
        Effect("sfx/doors/Knock.wav"),
        Effect("sfx/doors/door-slam.wav"),
        Effect("sfx/weather/rain-on-roof.flac"),
        Effect("sfx/weather/distant-rumble.wav"),
        Effect("sfx/chime.wav"),
        Effect("sfx/bells/chime.wav"),
        Effect("sfx/雷声/轰隆.wav"),
    ];

    [Theory]
    [InlineData("knock", "sfx/doors/Knock.wav")] // exact, whatever the case
    [InlineData("KNOCK", "sfx/doors/Knock.wav")]
    [InlineData("door knock", "sfx/doors/heavy_door_knock.wav")] // every word in the name
    [InlineData("Heavy-Door Knock!", "sfx/doors/heavy_door_knock.wav")] // exact after separators
    [InlineData("slam", "sfx/doors/door-slam.wav")]
    [InlineData("rain", "sfx/weather/rain-on-roof.flac")]
    [InlineData("weather", "sfx/weather/rain-on-roof.flac")] // category: the shortest name in it
    [InlineData("stormy weather", "sfx/weather/rain-on-roof.flac")] // a cue word names the category
    [InlineData("chime", "sfx/bells/chime.wav")] // two exact: the same one every time, by path
    [InlineData("雷声", "sfx/雷声/轰隆.wav")]
    public void A_cue_finds_its_effect(string cue, string blob) => Assert.Equal(blob, SoundEffectLibrary.Match(Catalog, cue)?.Blob);

    [Theory]
    [InlineData("thunder")]
    [InlineData("door bell")] // "door" matches names, "bell" none of them; "bells" is a category, not "bell"
    [InlineData("   ")]
    [InlineData("!!!")]
    public void A_cue_with_no_match_finds_nothing(string cue) => Assert.Null(SoundEffectLibrary.Match(Catalog, cue));

    [Fact]
    public void An_overlong_cue_finds_nothing()
    {
        Assert.NotNull(SoundEffectLibrary.Match(Catalog, "knock" + new string(' ', SoundEffectLibrary.MaxCueLength - 5)));
        Assert.Null(SoundEffectLibrary.Match(Catalog, "knock" + new string(' ', SoundEffectLibrary.MaxCueLength - 4)));
    }

    [Fact]
    public void The_match_does_not_depend_on_the_catalog_order()
    {
        foreach (var cue in new[] { "chime", "weather", "door", "knock" })
        {
            Assert.Equal(SoundEffectLibrary.Match(Catalog, cue), SoundEffectLibrary.Match(Catalog.Reverse().ToArray(), cue));
        }
    }

    [Fact]
    public void A_measured_effect_is_levelled_and_an_unmeasured_one_plays_at_the_default()
    {
        Assert.Equal(RenderSoundEffect.DefaultVolume, SoundEffectLibrary.VolumeFor(Effect("sfx/a.wav")));
        Assert.Equal(0.5, SoundEffectLibrary.VolumeFor(Effect("sfx/a.wav", lufs: -20 + 6.0206)), 3);
        Assert.Equal(RenderSoundEffect.MaxVolume, SoundEffectLibrary.VolumeFor(Effect("sfx/a.wav", lufs: -40)));
        Assert.Equal(0.05, SoundEffectLibrary.VolumeFor(Effect("sfx/a.wav", lufs: 10)));
    }
}
