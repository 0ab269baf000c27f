using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.ScriptDrafts;

/// <summary>
/// What a script is about: a product of a catalog or a free topic (exactly one), the template whose voice and layout it
/// takes, and the platform preset that bounds its length (the template's own when null).
/// </summary>
public sealed record ScriptBrief(VideoTemplate Template, Product? Product, string? Topic, string? PlatformPreset)
{
    public TemplateFields Fields => Product is { } product ? ProductScript.FieldsOf(product) : ProductScript.FieldsOf(Topic ?? "");

    /// <summary>The preset the video is made for: the brief's, else the template's.</summary>
    public string? Preset => PlatformPreset ?? Template.PlatformPreset;
}
