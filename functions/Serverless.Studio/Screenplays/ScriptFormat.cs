namespace Serverless.Studio.Screenplays;

/// <summary>The written form a screenplay came in; decides which reader parsed it.</summary>
public enum ScriptFormat
{
    /// <summary>Chinese seed format: <c>场景:街道,傍晚</c>, <c>角色:小明(男,学生)</c>, <c>小明(紧张): 台词</c>.</summary>
    Seed,

    /// <summary>The same line grammar in English: <c>Scene: Kitchen, morning</c>, <c>Leo (tired): line</c>.</summary>
    English,

    /// <summary>Markdown: <c># Title</c>, <c>## 场景1：地点，时间</c> headings around seed-style lines.</summary>
    Markdown,

    /// <summary>Fountain screenplay markup: <c>INT. PLACE - TIME</c>, uppercase cues, parentheticals.</summary>
    Fountain,
}
