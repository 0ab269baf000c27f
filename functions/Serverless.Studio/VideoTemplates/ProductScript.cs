using Serverless.Contracts.Rendering;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// A product's video script from a template, offline and deterministic: the same product and template version always
/// give the same script. The layout then puts the product's own pictures on the planned shots.
/// </summary>
public static class ProductScript
{
    public static TemplateFields FieldsOf(Product product) => new(
        product.Name, product.Sku, product.Category, product.Price, product.Currency.Length == 0 ? null : product.Currency,
        product.SellingPoints, product.Attributes);

    /// <summary>A free topic as a template reads it: the topic stands as the name, every other field is empty.</summary>
    public static TemplateFields FieldsOf(string topic) => new(topic, "", null, null, null, [], new Dictionary<string, string>());

    /// <summary>The filled template, ending on the layout's call to action (spoken by the narrator) unless it already does.</summary>
    public static string Write(VideoTemplate template, Product product) => Write(template, FieldsOf(product));

    public static string Write(VideoTemplate template, TemplateFields fields) =>
        EndOnCallToAction(template, ScriptTemplate.Parse(template.Body).Render(fields, VideoTemplateService.CultureOf(template)));

    /// <summary>The script with the layout's call to action spoken last by the narrator, unless it already ends on it.</summary>
    public static string EndOnCallToAction(VideoTemplate template, string script)
    {
        script = script.TrimEnd();
        if (template.Layout.CallToAction is { Length: > 0 } callToAction && !script.EndsWith(callToAction, StringComparison.Ordinal))
        {
            script += $"\n{NarratorOf(template)}: {callToAction}";
        }

        return script + "\n";
    }

    /// <summary>How the template's language names the narrator.</summary>
    public static string NarratorOf(VideoTemplate template) =>
        template.Locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "旁白" : "Narrator";

    /// <summary>
    /// Shows the product's pictures on the shots in turn, each moving as the layout's next motion; the shot that says the
    /// price (the price card) zooms in. Without pictures the storyboard is left to draw its own.
    /// </summary>
    public static Storyboard Lay(Storyboard storyboard, VideoTemplate template, Product product)
    {
        if (product.Pictures.Count == 0)
        {
            return storyboard;
        }

        var price = product.Price is { } value ? PriceFormat.Format(value, FieldsOf(product).Currency, VideoTemplateService.CultureOf(template)) : null;
        var motions = template.Layout.PictureMotions;
        var shots = storyboard.Shots.Select((shot, i) => shot with
        {
            Image = product.Pictures[i % product.Pictures.Count].Blob,
            ImageProvider = Providers.Fallback.ProviderNames.Product,
            Motion = template.Layout.PriceCard && price is not null && shot.Text.Contains(price, StringComparison.Ordinal)
                ? CameraMotion.ZoomIn
                : motions[i % motions.Count],
        }).ToList();
        return storyboard with { Shots = shots };
    }
}
