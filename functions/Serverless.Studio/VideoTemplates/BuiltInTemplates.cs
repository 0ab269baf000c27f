using Serverless.Contracts.Rendering;

namespace Serverless.Studio.VideoTemplates;

/// <summary>The templates every user may start from (read-only; copy one to change it): unboxing, feature list, limited offer, in Chinese and English.</summary>
public static class BuiltInTemplates
{
    public const string Owner = "builtin";

    private static readonly DateTimeOffset Written = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<VideoTemplate> All { get; } =
    [
        Template("tpl_builtin_unboxing_zh", "开箱", "zh-CN", "douyin", "calm", "点击下方链接，马上拥有！", """
            场景:明亮的桌面,白天
            角色:旁白

            [{{name}} 的包装盒放在桌上]
            旁白: 今天开箱的是{{name}}。
            {{#if category}}
            旁白: 这是一款{{category}}好物。
            {{/if}}
            {{#each selling_points}}
            旁白: 第{{@number}}点，{{this}}。
            {{/each}}
            {{#if price}}
            旁白: 现在只要{{price}}。
            {{else}}
            旁白: 价格请看商品页。
            {{/if}}
            """),
        Template("tpl_builtin_features_zh", "卖点清单", "zh-CN", "douyin", "calm", "喜欢就下单吧！", """
            场景:简洁的展台,白天
            角色:旁白

            旁白: {{name}}，{{#if selling_points}}{{selling_points.1}}{{else}}值得拥有{{/if}}。
            {{#each selling_points}}
            旁白: {{this}}。
            {{/each}}
            {{#if price}}
            旁白: 到手价{{price}}。
            {{/if}}
            """),
        Template("tpl_builtin_offer_zh", "限时优惠", "zh-CN", "douyin", "calm", "限时优惠，手慢无！", """
            场景:热闹的直播间,晚上
            角色:旁白

            旁白: 限时优惠！{{name}}来了！
            {{#if selling_points}}
            旁白: {{selling_points}}。
            {{/if}}
            {{#if price}}
            旁白: 今天只要{{price}}！
            {{else}}
            旁白: 今天下单有惊喜价！
            {{/if}}
            """),
        Template("tpl_builtin_unboxing_en", "Unboxing", "en-US", "tiktok", "calm", "Tap the link to get yours today.", """
            Scene: Bright desk, day
            Characters: Narrator

            [The {{name}} box on the desk]
            Narrator: Let's unbox the {{name}}.
            {{#each selling_points}}
            Narrator: Number {{@number}}: {{this}}.
            {{/each}}
            {{#if price}}
            Narrator: All this for just {{price}}.
            {{else}}
            Narrator: Check the product page for today's price.
            {{/if}}
            """),
        Template("tpl_builtin_features_en", "Feature list", "en-US", "youtube-shorts", "calm", "Order yours now.", """
            Scene: Clean studio table, day
            Characters: Narrator

            Narrator: Meet the {{name}}{{#if category}}, the {{category}} you've been waiting for{{/if}}.
            {{#each selling_points}}
            Narrator: {{this}}.
            {{/each}}
            {{#if price}}
            Narrator: Only {{price}}.
            {{/if}}
            """),
        Template("tpl_builtin_offer_en", "Limited offer", "en-US", "tiktok", "calm", "Limited time only. Grab it now.", """
            Scene: Busy shop window, evening
            Characters: Narrator

            Narrator: Limited offer on the {{name}}!
            {{#if selling_points}}
            Narrator: {{selling_points}}.
            {{/if}}
            {{#if price}}
            Narrator: Today only {{price}}.
            {{else}}
            Narrator: Today's price will surprise you.
            {{/if}}
            """),
    ];

    public static VideoTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    private static VideoTemplate Template(string id, string name, string locale, string preset, string music, string callToAction, string body) => new()
    {
        Id = id,
        UserId = Owner,
        Name = name,
        Locale = locale,
        Body = body + "\n",
        Style = "comic",
        PlatformPreset = preset,
        Music = music,
        Layout = new TemplateLayout { CallToAction = callToAction, PictureMotions = [CameraMotion.ZoomIn, CameraMotion.PanRight, CameraMotion.PanLeft] },
        CreatedAt = Written,
        UpdatedAt = Written,
    };
}
