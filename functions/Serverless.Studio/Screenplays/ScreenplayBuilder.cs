namespace Serverless.Studio.Screenplays;

/// <summary>
/// Collects what a reader recognises (scenes, declarations, lines) and turns it into a
/// <see cref="Screenplay"/>: one character bible across scenes, long lines split into
/// subtitle-sized pieces, durations estimated, empty scenes left out.
/// </summary>
internal sealed class ScreenplayBuilder(ScriptFormat format)
{
    private readonly List<Character> _characters = [];
    private readonly Dictionary<string, int> _characterIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SceneDraft> _scenes = [];
    private readonly List<string> _castBeforeFirstScene = [];

    public string? Title { get; set; }

    /// <summary>How many structural elements were recognised; zero means the text is not a screenplay.</summary>
    public int Structure { get; private set; }

    private SceneDraft? Current => _scenes.Count == 0 ? null : _scenes[^1];

    public void StartScene(SceneHeading heading)
    {
        Structure++;
        var scene = new SceneDraft(heading);
        if (_scenes.Count == 0)
        {
            // A cast declared above the first heading belongs to the first scene.
            _castBeforeFirstScene.ForEach(scene.AddCharacter);
            _castBeforeFirstScene.Clear();
        }

        _scenes.Add(scene);
    }

    /// <summary>Declares a character; a later declaration without attributes keeps the earlier ones.</summary>
    public string Declare(Character character)
    {
        Structure++;
        var name = Register(character.Name, character.Attributes);
        if (Current is { } scene)
        {
            scene.AddCharacter(name);
        }
        else if (!_castBeforeFirstScene.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            _castBeforeFirstScene.Add(name);
        }

        return name;
    }

    /// <summary>Adds known or new attributes to a character without putting them in a scene.</summary>
    public void Describe(string name, IReadOnlyList<string> attributes) => Register(name, attributes);

    /// <summary>Puts an already known character into the current scene (seen in an action, say).</summary>
    public void AppearsInScene(string name) => EnsureScene().AddCharacter(Register(name, []));

    public void AddSpoken(string? speaker, string text, string? emotion, bool offScreen)
    {
        Structure++;
        var scene = EnsureScene();
        string? character = null;
        var type = ScriptLineType.Narration;
        if (speaker is not null && !ScriptKeys.IsNarrator(speaker))
        {
            character = Register(speaker, []);
            type = ScriptLineType.Dialogue;
            scene.AddCharacter(character);
        }

        foreach (var piece in SubtitleSplitter.Split(text))
        {
            scene.Lines.Add(new ScriptLine(type, character, piece, emotion, SpeechTiming.Spoken(piece)) { OffScreen = offScreen });
        }
    }

    public void AddAction(string text, IReadOnlyList<string>? tags = null, bool recognised = true)
    {
        if (recognised)
        {
            Structure++;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        EnsureScene().Lines.Add(new ScriptLine(ScriptLineType.Action, null, trimmed, null, SpeechTiming.Action(trimmed)) { Tags = tags ?? [] });
    }

    public ParseResult Build()
    {
        var scenes = new List<Scene>();
        foreach (var draft in _scenes.Where(s => s.Lines.Count > 0))
        {
            scenes.Add(new Scene($"scene-{scenes.Count + 1}", draft.Heading.Location, draft.Heading.Time, [.. draft.Characters], [.. draft.Lines])
            {
                Setting = draft.Heading.Setting,
            });
        }

        if (Structure == 0)
        {
            // Plain prose alone is not a screenplay, however many lines of it there are.
            return ParseResult.Failure("No scenes or lines were recognised: write lines such as \"场景:街道,傍晚\", \"小明(紧张): 台词\", \"Scene: Kitchen, morning\" or \"INT. KITCHEN - DAY\".");
        }

        if (scenes.Count == 0)
        {
            return ParseResult.Failure("The script has headings but no lines: add dialogue (\"小明: 台词\"), narration (\"旁白: ...\") or actions (\"[...]\").");
        }

        var shots = scenes.Sum(s => s.Shots.Count);
        var duration = Math.Round(scenes.Sum(s => s.Shots.Sum(l => l.Duration)), 1);
        var metadata = new ScreenplayMetadata(scenes.Count, shots, duration);
        return ParseResult.Success(new Screenplay(Title, format, scenes, [.. _characters], metadata));
    }

    private string Register(string name, IReadOnlyList<string> attributes)
    {
        if (_characterIndex.TryGetValue(name, out var index))
        {
            var known = _characters[index];
            var merged = known.Attributes.Concat(attributes).Distinct(StringComparer.Ordinal).ToArray();
            if (merged.Length != known.Attributes.Count)
            {
                _characters[index] = known with { Attributes = merged };
            }

            return known.Name;
        }

        _characterIndex[name] = _characters.Count;
        _characters.Add(new Character(name, [.. attributes]));
        return name;
    }

    private SceneDraft EnsureScene()
    {
        if (Current is null)
        {
            // Lines before any heading still form a scene: a script may be just dialogue.
            StartScene(new SceneHeading(string.Empty, string.Empty, null));
            Structure--;
        }

        return Current!;
    }

    private sealed class SceneDraft(SceneHeading heading)
    {
        private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

        public SceneHeading Heading { get; } = heading;

        public List<string> Characters { get; } = [];

        public List<ScriptLine> Lines { get; } = [];

        public void AddCharacter(string name)
        {
            if (_names.Add(name))
            {
                Characters.Add(name);
            }
        }
    }
}
