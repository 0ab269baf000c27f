using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// How each shot is entered: the film fades in; a change of scene fades when time passes and
/// dissolves when it does not; within a scene, cuts, except a dissolve into a narrated beat.
/// </summary>
internal static class TransitionRules
{
    public static TransitionKind Choose(int index, Scene scene, Scene? previousScene, bool firstInScene, ScriptLine line)
    {
        if (index == 0)
        {
            return TransitionKind.Fade;
        }

        if (firstInScene)
        {
            return TimePasses(previousScene, scene) ? TransitionKind.Fade : TransitionKind.Dissolve;
        }

        return line.Type == ScriptLineType.Narration ? TransitionKind.Dissolve : TransitionKind.Cut;
    }

    private static bool TimePasses(Scene? previous, Scene next)
    {
        if (previous is null || SceneSettings.IsContinuous(next.Time))
        {
            return false;
        }

        return !string.Equals(previous.Time, next.Time, StringComparison.OrdinalIgnoreCase);
    }
}
