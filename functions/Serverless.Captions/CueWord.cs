namespace Serverless.Captions;

/// <summary>One word of a cue (or, in Chinese, a group of characters) spoken from <see cref="Start"/> to <see cref="End"/> seconds.</summary>
public sealed record CueWord(string Text, double Start, double End);
