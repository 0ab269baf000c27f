using Serverless.Studio.ShotImages;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Where and in what light a scene plays, resolved from its heading: the kind of place (its scenery), whether it is
/// indoors, and the time of day. Every shot of the scene carries it; the owner may correct it (<c>PATCH .../shots/{id}</c>).
/// </summary>
public sealed record SceneSetting(SceneryKind Kind, bool Interior, TimeOfDay TimeOfDay);
