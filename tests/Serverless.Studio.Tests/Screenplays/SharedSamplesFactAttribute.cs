namespace Serverless.Studio.Tests.Screenplays;

/// <summary>A fact that needs <c>../shared/samples</c>; skipped, saying so, where that folder is absent.</summary>
public sealed class SharedSamplesFactAttribute : FactAttribute
{
    public SharedSamplesFactAttribute()
    {
        if (!Directory.Exists(SampleScripts.SharedFolder))
        {
            Skip = $"Shared samples folder {SampleScripts.SharedFolder} is absent; the project's copies under samples/ are tested instead.";
        }
    }
}
