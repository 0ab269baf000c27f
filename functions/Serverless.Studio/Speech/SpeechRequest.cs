namespace Serverless.Studio.Speech;

/// <summary>One line to speak, with who speaks it and how they feel.</summary>
public sealed record SpeechRequest
{
    public required string Text { get; init; }

    /// <summary>The speaking character's name; null means the narrator.</summary>
    public string? Character { get; init; }

    /// <summary>The character's declared attributes (gender, age, role...), used to cast the voice.</summary>
    public IReadOnlyList<string> CharacterAttributes { get; init; } = [];

    /// <summary>Free-text emotion (紧张, 开心, tired, whispering...), mapped to rate, pitch and volume.</summary>
    public string? Emotion { get; init; }

    /// <summary>A voice chosen in the character bible; a provider that knows this id speaks with it instead of casting one.</summary>
    public string? VoiceId { get; init; }
}
