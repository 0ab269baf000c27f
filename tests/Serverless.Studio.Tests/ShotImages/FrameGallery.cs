namespace Serverless.Studio.Tests.ShotImages;

/// <summary>Where frame tests leave the PNGs they checked, for a person to look at.</summary>
internal static class FrameGallery
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "storyboard-frames")).FullName;

    public static void Save(string name, byte[] png) => File.WriteAllBytes(Path.Combine(Directory, name + ".png"), png);
}
