using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// A screenplay with product fields in it, Handlebars-style: <c>{{name}}</c>, <c>{{#if price}}…{{else}}…{{/if}}</c>,
/// <c>{{#each selling_points}}{{this}}{{/each}}</c>. Parsing checks every variable against <see cref="Variables"/> and
/// every block's pairing, so a template that saves always renders. A block tag alone on its line takes the line with it,
/// so blocks can wrap whole screenplay lines without leaving blank ones.
/// </summary>
public sealed partial class ScriptTemplate
{
    /// <summary>Characters one template may hold: a short video's script.</summary>
    public const int MaxLength = 20_000;

    private readonly IReadOnlyList<Node> _nodes;

    private ScriptTemplate(IReadOnlyList<Node> nodes) => _nodes = nodes;

    /// <summary>Parses <paramref name="text"/>, or throws <see cref="TemplateSyntaxException"/> with every error found.</summary>
    public static ScriptTemplate Parse(string text)
    {
        var errors = new List<TemplateError>();
        var nodes = new Parser(text, errors).Parse();
        return errors.Count > 0 ? throw new TemplateSyntaxException(errors) : new ScriptTemplate(nodes);
    }

    /// <summary>The errors of <paramref name="text"/>; empty when it parses.</summary>
    public static IReadOnlyList<TemplateError> Validate(string text)
    {
        var errors = new List<TemplateError>();
        _ = new Parser(text, errors).Parse();
        return errors;
    }

    /// <summary>The script for one product, written as <paramref name="culture"/> writes prices and lists.</summary>
    public string Render(TemplateFields fields, CultureInfo culture)
    {
        var output = new StringBuilder();
        Write(_nodes, new Scope(fields, culture, null, 0), output);
        return output.ToString();
    }

    private static void Write(IReadOnlyList<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Text text:
                    output.Append(text.Value);
                    break;
                case Variable variable:
                    output.Append(scope.Value(variable.Path));
                    break;
                case If block:
                    Write(scope.Value(block.Path).Length > 0 ? block.Then : block.Else, scope, output);
                    break;
                case Each each:
                    var items = each.Path == Variables.SellingPoints ? scope.Fields.SellingPoints : [];
                    for (var i = 0; i < items.Count; i++)
                    {
                        Write(each.Body, scope with { Item = items[i], Number = i + 1 }, output);
                    }

                    break;
            }
        }
    }

    /// <summary>The names a template may use.</summary>
    public static class Variables
    {
        public const string Name = "name";
        public const string Sku = "sku";
        public const string Category = "category";
        public const string Price = "price";
        public const string Currency = "currency";
        public const string SellingPoints = "selling_points";

        /// <summary>Inside <c>{{#each selling_points}}</c>: the point, and its 1-based number.</summary>
        public const string This = "this";
        public const string Number = "@number";

        /// <summary><c>attributes.KEY</c>: any attribute of the product, empty when it has none.</summary>
        public const string AttributesPrefix = "attributes.";

        /// <summary><c>selling_points.N</c>: the N-th point (1-based), empty past the last.</summary>
        public const string PointPrefix = "selling_points.";

        public static IReadOnlyList<string> TopLevel { get; } = [Name, Sku, Category, Price, Currency, SellingPoints];

        public static bool IsKnown(string path, bool inEach) =>
            TopLevel.Contains(path)
            || (inEach && path is This or Number)
            || (path.StartsWith(AttributesPrefix, StringComparison.Ordinal) && path.Length > AttributesPrefix.Length)
            || (path.StartsWith(PointPrefix, StringComparison.Ordinal) && int.TryParse(path[PointPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1);
    }

    private sealed record Scope(TemplateFields Fields, CultureInfo Culture, string? Item, int Number)
    {
        public string Value(string path) => Clean(path switch
        {
            Variables.Name => Fields.Name,
            Variables.Sku => Fields.Sku,
            Variables.Category => Fields.Category,
            Variables.Price => Fields.Price is { } price ? PriceFormat.Format(price, Fields.Currency, Culture) : null,
            Variables.Currency => Fields.Price is null ? null : Fields.Currency ?? PriceFormat.DefaultCurrency(Culture),
            Variables.SellingPoints => string.Join(ListSeparator(Culture), Fields.SellingPoints),
            Variables.This => Item,
            Variables.Number => Number > 0 ? Number.ToString(Culture) : null,
            _ when path.StartsWith(Variables.AttributesPrefix, StringComparison.Ordinal) =>
                Fields.Attributes.GetValueOrDefault(path[Variables.AttributesPrefix.Length..]),
            _ when path.StartsWith(Variables.PointPrefix, StringComparison.Ordinal) =>
                int.Parse(path[Variables.PointPrefix.Length..], CultureInfo.InvariantCulture) is var n && n <= Fields.SellingPoints.Count ? Fields.SellingPoints[n - 1] : null,
            _ => null,
        });

        private static string ListSeparator(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "、" : ", ";

        // A product's text is data, not script: a line break in it would start a new screenplay line (a scene, a speaker).
        private static string Clean(string? value) => value is null ? "" : LineBreaks().Replace(value.Trim(), " ");
    }

    [GeneratedRegex(@"\s*[\r\n\u2028\u2029]+\s*")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"^@?[a-z_][a-z0-9_]*(\.[\p{L}\p{N}_-]+)?$")]
    private static partial Regex PathSyntax();

    private abstract record Node;

    private sealed record Text(string Value) : Node;

    private sealed record Variable(string Path) : Node;

    private sealed record If(string Path, IReadOnlyList<Node> Then, IReadOnlyList<Node> Else) : Node;

    private sealed record Each(string Path, IReadOnlyList<Node> Body) : Node;

    /// <summary>One pass over the text with a stack of open blocks; errors are collected, not thrown, so all are reported.</summary>
    private sealed class Parser(string text, List<TemplateError> errors)
    {
        private readonly List<int> _lineStarts = LineStarts(text);
        private readonly Stack<OpenBlock> _open = new();
        private List<Node> _current = [];

        public IReadOnlyList<Node> Parse()
        {
            if (text.Length > MaxLength)
            {
                errors.Add(new TemplateError(TemplateErrorKinds.TooLong, 1, 1, $"A template holds at most {MaxLength} characters; this one has {text.Length}."));
                return [];
            }

            var position = 0;
            var pending = new StringBuilder();
            while (position < text.Length)
            {
                var open = text.IndexOf("{{", position, StringComparison.Ordinal);
                if (open < 0)
                {
                    pending.Append(text, position, text.Length - position);
                    break;
                }

                var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
                var nextOpen = text.IndexOf("{{", open + 2, StringComparison.Ordinal);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                {
                    Error(TemplateErrorKinds.MalformedTag, open, "'{{' is not closed by '}}' before the next tag or the end.");
                    pending.Append(text, position, (nextOpen < 0 ? text.Length : nextOpen) - position);
                    position = nextOpen < 0 ? text.Length : nextOpen;
                    continue;
                }

                var tag = text[(open + 2)..close].Trim();
                var end = close + 2;
                var before = text[position..open];
                if (IsBlockTag(tag) && Standalone(open, end, out var lineStart, out var lineEnd))
                {
                    // The tag's line goes: its indentation from the text before, its line break after.
                    before = text[position..lineStart];
                    end = lineEnd;
                }

                pending.Append(before);
                Flush(pending);
                Tag(tag, open + 2 + (text[(open + 2)..close].Length - text[(open + 2)..close].TrimStart().Length));
                position = end;
            }

            Flush(pending);
            while (_open.Count > 0)
            {
                var block = _open.Pop();
                Error(TemplateErrorKinds.UnclosedBlock, block.Offset, $"'{{{{#{block.Keyword} {block.Path}}}}}' is never closed by '{{{{/{block.Keyword}}}}}'.");
                _current = block.Outer;
            }

            return _current;
        }

        private void Tag(string tag, int offset)
        {
            var keyword = tag.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            switch (tag)
            {
                case "else":
                    if (_open.TryPeek(out var block) && block.Keyword == "if" && block.ElseAt is null)
                    {
                        block.Then = _current;
                        block.ElseAt = offset;
                        _current = [];
                    }
                    else
                    {
                        Error(TemplateErrorKinds.MismatchedBlock, offset, "'{{else}}' outside an '{{#if}}' block (or a second one in it).");
                    }

                    return;
                case ['#', ..]:
                    Open(keyword[0][1..], keyword.Length > 1 ? keyword[1] : "", offset);
                    return;
                case ['/', ..]:
                    Close(tag[1..].Trim(), offset);
                    return;
            }

            if (CheckPath(tag, offset))
            {
                _current.Add(new Variable(tag));
            }
        }

        private void Open(string keyword, string path, int offset)
        {
            if (keyword is not ("if" or "each"))
            {
                Error(TemplateErrorKinds.MalformedTag, offset, $"Unknown block '#{keyword}'; blocks are #if and #each.");
            }
            else if (path.Length == 0)
            {
                Error(TemplateErrorKinds.MalformedTag, offset, $"'#{keyword}' needs a variable.");
            }
            else if (keyword == "each" && path != Variables.SellingPoints)
            {
                Error(TemplateErrorKinds.UnknownVariable, offset, $"'#each' goes over '{Variables.SellingPoints}' only, not '{path}'.");
            }
            else
            {
                CheckPath(path, offset);
            }

            // Pushed even when wrong, so its closing tag pairs with it and the errors after stay accurate.
            _open.Push(new OpenBlock(keyword, path, offset, _current));
            _current = [];
        }

        private void Close(string keyword, int offset)
        {
            if (!_open.TryPop(out var block))
            {
                Error(TemplateErrorKinds.MismatchedBlock, offset, $"'{{{{/{keyword}}}}}' closes no open block.");
                return;
            }

            if (block.Keyword != keyword)
            {
                var (line, column) = Position(block.Offset);
                Error(TemplateErrorKinds.MismatchedBlock, offset,
                    $"'{{{{/{keyword}}}}}' closes '{{{{#{block.Keyword}}}}}' opened at line {line}, column {column}; expected '{{{{/{block.Keyword}}}}}'.");
            }

            Node node = block.Keyword == "each"
                ? new Each(block.Path, _current)
                : block.ElseAt is null ? new If(block.Path, _current, []) : new If(block.Path, block.Then, _current);
            _current = block.Outer;
            _current.Add(node);
        }

        private bool CheckPath(string path, int offset)
        {
            if (!PathSyntax().IsMatch(path))
            {
                Error(TemplateErrorKinds.MalformedTag, offset, $"'{{{{{path}}}}}' is not a variable name.");
                return false;
            }

            if (!Variables.IsKnown(path, _open.Any(b => b.Keyword == "each")))
            {
                Error(TemplateErrorKinds.UnknownVariable, offset,
                    $"Unknown variable '{path}'; known: {string.Join(", ", Variables.TopLevel)}, selling_points.N, attributes.KEY (and this, @number inside #each).");
                return false;
            }

            return true;
        }

        private void Flush(StringBuilder pending)
        {
            if (pending.Length > 0)
            {
                _current.Add(new Text(pending.ToString()));
                pending.Clear();
            }
        }

        private static bool IsBlockTag(string tag) => tag == "else" || tag.StartsWith('#') || tag.StartsWith('/');

        /// <summary>Whether only blanks share the tag's line; if so, where that line starts and where the next begins.</summary>
        private bool Standalone(int open, int end, out int lineStart, out int lineEnd)
        {
            lineStart = open;
            while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t')
            {
                lineStart--;
            }

            lineEnd = end;
            while (lineEnd < text.Length && text[lineEnd] is ' ' or '\t' or '\r')
            {
                lineEnd++;
            }

            var startsLine = lineStart == 0 || text[lineStart - 1] == '\n';
            var endsLine = lineEnd == text.Length || text[lineEnd] == '\n';
            if (lineEnd < text.Length && text[lineEnd] == '\n')
            {
                lineEnd++;
            }

            return startsLine && endsLine;
        }

        private void Error(string kind, int offset, string message)
        {
            var (line, column) = Position(offset);
            errors.Add(new TemplateError(kind, line, column, message));
        }

        private (int Line, int Column) Position(int offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            return (line + 1, offset - _lineStarts[line] + 1);
        }

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }

        private sealed class OpenBlock(string keyword, string path, int offset, List<Node> outer)
        {
            public string Keyword { get; } = keyword;

            public string Path { get; } = path;

            public int Offset { get; } = offset;

            public List<Node> Outer { get; } = outer;

            public List<Node> Then { get; set; } = [];

            public int? ElseAt { get; set; }
        }
    }
}
