using System.Security.Cryptography;
using System.Text;

namespace Serverless.Studio.Speech;

/// <summary>
/// A character's espeak-ng voice: variant (timbre), base pitch and speed. Cast from gender and age (the resolved look's
/// words lead the attributes) and a stable hash of the name, so the same character sounds the same in every line,
/// process and machine: children highest, then women, then men, seniors lower and slower than adults.
/// </summary>
public sealed record CharacterVoice(string Variant, int Pitch, int WordsPerMinute)
{
    // m2 is kept for the narrator so that no character ever shares the narrator's timbre.
    private static readonly string[] MaleVariants = ["m1", "m3", "m4", "m5", "m6", "m7"];
    private static readonly string[] FemaleVariants = ["f1", "f2", "f3", "f4", "f5"];
    private static readonly string[] ChildWords = ["孩", "童", "小学", "child", "kid", "boy", "girl"];
    private static readonly string[] TeenWords = ["少年", "少女", "teen"];
    private static readonly string[] OldWords = ["老", "爷", "奶", "婆", "elder", "old", "grand", "aged", "senior"];

    public static readonly CharacterVoice Narrator = new("m2", 42, 160);

    /// <summary>The voice ids this engine knows: its timbre variants (the narrator's included).</summary>
    public static IReadOnlyList<string> VoiceIds { get; } = [.. MaleVariants, Narrator.Variant, .. FemaleVariants];

    /// <summary>
    /// Casts the voice, honouring a voice chosen in the character bible: a known variant replaces the cast one, and
    /// pitch follows the chosen variant's gender so a male timbre is never pitched as a female one.
    /// </summary>
    public static CharacterVoice Cast(string? character, IReadOnlyList<string> attributes, string? voiceId)
    {
        if (voiceId is null || !VoiceIds.Contains(voiceId))
        {
            return Cast(character, attributes);
        }

        var gender = voiceId.StartsWith('f') ? "female" : "male";
        var name = string.IsNullOrWhiteSpace(character) ? Narrator.Variant : character;
        return Cast(name, [gender, .. attributes ?? []]) with { Variant = voiceId };
    }

    /// <summary>Casts the voice for a character; a null or blank name is the narrator.</summary>
    public static CharacterVoice Cast(string? character, IReadOnlyList<string> attributes)
    {
        if (string.IsNullOrWhiteSpace(character))
        {
            return Narrator;
        }

        attributes = (attributes ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        var hash = StableHash(character.Trim());
        var gender = CharacterGenderAttributes.Read(attributes);
        var female = gender switch
        {
            CharacterGender.Female => true,
            CharacterGender.Male => false,
            _ => (hash & 1) == 1,
        };
        var speed = 150 + (int)((hash >> 16) % 26);
        var spread = (int)((hash >> 8) % 12);
        if (Mentions(attributes, TeenWords))
        {
            // Teens: the adult range raised a little.
            var (teenVariants, teenPitch) = female ? (FemaleVariants, 66 + spread) : (MaleVariants, 46 + spread);
            return new CharacterVoice(teenVariants[(int)(hash % (uint)teenVariants.Length)], teenPitch, speed + 6);
        }

        if (Mentions(attributes, ChildWords))
        {
            // A child of either sex sounds higher than any adult: a light timbre at the top of the pitch scale.
            return new CharacterVoice(FemaleVariants[(int)(hash % (uint)FemaleVariants.Length)], 88 + spread, speed + 10);
        }

        var variants = female ? FemaleVariants : MaleVariants;
        var variant = variants[(int)(hash % (uint)variants.Length)];
        if (Mentions(attributes, OldWords))
        {
            // Seniors: lower and slower than adults of their sex.
            return new CharacterVoice(variant, female ? 46 + spread : 22 + spread, speed - 20);
        }

        var pitch = female ? 58 + (int)((hash >> 8) % 24) : 30 + (int)((hash >> 8) % 22);
        return new CharacterVoice(variant, Math.Clamp(pitch, 0, 99), speed);
    }

    private static bool Mentions(IReadOnlyList<string> attributes, string[] words) =>
        attributes.Any(a => words.Any(w => a.Contains(w, StringComparison.OrdinalIgnoreCase)));

    /// <summary>This voice as spoken with an emotion: espeak-ng's speed, pitch, amplitude and variant.</summary>
    public VoiceDelivery Deliver(EmotionProsody prosody) => new(
        prosody.Whisper ? (Variant.StartsWith('f') ? "whisperf" : "whisper") : Variant,
        Math.Clamp(Pitch + prosody.PitchShift, 0, 99),
        Math.Clamp((int)Math.Round(WordsPerMinute * prosody.RateFactor), 80, 450),
        Math.Clamp((int)Math.Round(100 * prosody.AmplitudeFactor), 10, 200));

    // string.GetHashCode is randomized per process; voices must survive restarts and scale-out.
    private static uint StableHash(string name) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
}
