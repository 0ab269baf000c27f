using System.Globalization;
using Serverless.Studio.Screenplays;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.Tests.VideoTemplates;

public sealed class ScriptTemplateTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static TemplateFields Kettle(decimal? price = 1299.5m, string? currency = "CNY", params string[] points) =>
        new("电水壶 Pro", "KT-1", "厨房电器", price, currency, points, new Dictionary<string, string> { ["color"] = "white" });

    [Fact]
    public void Variables_are_filled_from_the_product()
    {
        var template = ScriptTemplate.Parse("Narrator: {{name}} ({{sku}}), a {{category}} in {{attributes.color}}.");

        Assert.Equal("Narrator: 电水壶 Pro (KT-1), a 厨房电器 in white.", template.Render(Kettle(), English));
    }

    [Theory]
    [InlineData("zh-CN", "CNY", 1299.5, "¥1,299.50")]
    [InlineData("en-US", "USD", 19.99, "$19.99")]
    [InlineData("en-US", null, 1234567, "$1,234,567.00")]
    [InlineData("zh-CN", null, 88, "¥88.00")]
    [InlineData("en-US", "CNY", 5, "¥5.00")]
    [InlineData("en-US", "JPY", 1500, "¥1,500")]
    [InlineData("zh-CN", "EUR", 7.5, "€7.50")]
    public void Prices_are_written_the_locales_way_in_the_products_currency(string locale, string? currency, double price, string expected)
    {
        var template = ScriptTemplate.Parse("{{price}}");

        Assert.Equal(expected, template.Render(Kettle((decimal)price, currency), CultureInfo.GetCultureInfo(locale)));
    }

    [Fact]
    public void A_missing_price_takes_the_else_branch()
    {
        var template = ScriptTemplate.Parse("{{#if price}}Only {{price}}{{else}}Ask for the price{{/if}}.");

        Assert.Equal("Ask for the price.", template.Render(Kettle(price: null), English));
        Assert.Equal("Only $3.00.", template.Render(Kettle(price: 3m, currency: "USD"), English));
    }

    [Fact]
    public void Each_selling_point_gets_its_line_and_number_and_block_lines_leave_no_blank_lines()
    {
        var template = ScriptTemplate.Parse("""
            旁白: {{name}}
            {{#each selling_points}}
            旁白: 第{{@number}}点，{{this}}。
            {{/each}}
            旁白: 完
            """);

        var script = template.Render(Kettle(null, null, "一分钟烧开", "304不锈钢"), Chinese);

        Assert.Equal("旁白: 电水壶 Pro\n旁白: 第1点，一分钟烧开。\n旁白: 第2点，304不锈钢。\n旁白: 完", script.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_list_of_points_is_joined_the_locales_way_and_one_point_is_reachable_by_number()
    {
        var template = ScriptTemplate.Parse("{{selling_points}} / {{selling_points.2}} / [{{selling_points.3}}]");

        Assert.Equal("快、静 / 静 / []", template.Render(Kettle(null, null, "快", "静"), Chinese));
        Assert.Equal("fast, quiet / quiet / []", template.Render(Kettle(null, null, "fast", "quiet"), English));
    }

    [Fact]
    public void An_empty_list_is_false_for_if_and_each_writes_nothing()
    {
        var template = ScriptTemplate.Parse("{{#if selling_points}}has{{else}}none{{/if}}{{#each selling_points}}x{{/each}}");

        Assert.Equal("none", template.Render(Kettle(), English));
    }

    [Fact]
    public void A_line_break_in_a_product_field_cannot_start_a_screenplay_line()
    {
        var product = Kettle() with { Name = "Kettle\nScene: hacked\r\nNarrator: injected" };

        var script = ScriptTemplate.Parse("Narrator: {{name}}").Render(product, English);

        Assert.Equal("Narrator: Kettle Scene: hacked Narrator: injected", script);
        Assert.Single(ScreenplayParser.Parse("Scene: Shop, day\n" + script).Screenplay!.Scenes);
    }

    [Fact]
    public void An_unknown_variable_is_reported_at_its_line_and_column()
    {
        var errors = ScriptTemplate.Validate("Narrator: hi\nNarrator: {{name}} costs {{ prise }}");

        var error = Assert.Single(errors);
        Assert.Equal((TemplateErrorKinds.UnknownVariable, 2, 29), (error.Kind, error.Line, error.Column));
        Assert.Contains("prise", error.Message);
    }

    [Fact]
    public void This_outside_each_is_unknown()
    {
        var error = Assert.Single(ScriptTemplate.Validate("{{this}}"));

        Assert.Equal((TemplateErrorKinds.UnknownVariable, 1, 3), (error.Kind, error.Line, error.Column));
    }

    [Fact]
    public void An_unclosed_block_is_reported_where_it_opens()
    {
        var errors = ScriptTemplate.Validate("Scene: x\n\n  {{#if price}}\nNarrator: {{price}}\n");

        var error = Assert.Single(errors);
        Assert.Equal((TemplateErrorKinds.UnclosedBlock, 3, 5), (error.Kind, error.Line, error.Column));
    }

    [Fact]
    public void A_block_closed_by_the_wrong_tag_is_reported_at_the_closing_tag_naming_the_opening()
    {
        var errors = ScriptTemplate.Validate("{{#each selling_points}}\n{{this}}\n{{/if}}");

        var error = Assert.Single(errors);
        Assert.Equal((TemplateErrorKinds.MismatchedBlock, 3, 3), (error.Kind, error.Line, error.Column));
        Assert.Contains("line 1, column 3", error.Message);
    }

    [Theory]
    [InlineData("{{/if}}", TemplateErrorKinds.MismatchedBlock, 1, 3)]
    [InlineData("a {{else}}", TemplateErrorKinds.MismatchedBlock, 1, 5)]
    [InlineData("ok\n{{name", TemplateErrorKinds.MalformedTag, 2, 1)]
    [InlineData("{{#unless price}}{{/unless}}", TemplateErrorKinds.MalformedTag, 1, 3)]
    [InlineData("{{#each name}}{{/each}}", TemplateErrorKinds.UnknownVariable, 1, 3)]
    [InlineData("{{na me}}", TemplateErrorKinds.MalformedTag, 1, 3)]
    public void Other_errors_point_at_their_tag(string text, string kind, int line, int column)
    {
        var error = Assert.Single(ScriptTemplate.Validate(text));

        Assert.Equal((kind, line, column), (error.Kind, error.Line, error.Column));
    }

    [Fact]
    public void Every_error_is_listed_and_parse_throws_with_the_first()
    {
        const string Text = "{{nom}}\n{{#if price}}\n{{colour}}";

        Assert.Equal([(1, 3), (3, 3), (2, 3)], ScriptTemplate.Validate(Text).Select(e => (e.Line, e.Column)));
        var thrown = Assert.Throws<TemplateSyntaxException>(() => ScriptTemplate.Parse(Text));
        Assert.StartsWith("line 1, column 3", thrown.Message);
    }

    [Fact]
    public void A_template_over_the_size_limit_is_refused()
    {
        var error = Assert.Single(ScriptTemplate.Validate(new string('a', ScriptTemplate.MaxLength + 1)));

        Assert.Equal(TemplateErrorKinds.TooLong, error.Kind);
    }

    [Fact]
    public void Every_built_in_template_renders_a_screenplay_with_and_without_a_price()
    {
        foreach (var builtIn in BuiltInTemplates.All)
        {
            var template = ScriptTemplate.Parse(builtIn.Body);
            var culture = CultureInfo.GetCultureInfo(builtIn.Locale);
            foreach (var product in new[] { Kettle(49m, null, "one", "two"), Kettle(null, null) })
            {
                var parsed = ScreenplayParser.Parse(template.Render(product, culture));

                Assert.True(parsed.Succeeded, $"{builtIn.Id}: {parsed.Error}");
                Assert.NotEmpty(parsed.Screenplay!.Scenes.SelectMany(s => s.Shots));
            }
        }
    }
}
