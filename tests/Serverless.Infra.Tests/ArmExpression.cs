using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// A small evaluator for the ARM template language expressions Bicep emits. It folds what is known when the
/// template is compiled (parameters with their values or defaults, variables, module outputs, format, concat,
/// createObject, createArray, union, string) and leaves everything only known at deployment time (reference,
/// resourceId, uniqueString, ...) as its own expression text in brackets, e.g. "[reference(...).principalId]".
/// </summary>
internal static class ArmExpression
{
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    public static JsonNode? Evaluate(string text, TemplateScope scope)
    {
        var parser = new Parser(text[1..^1]);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return Evaluate(expression, scope).Node;
    }

    private static Result Evaluate(Node expression, TemplateScope scope) => expression switch
    {
        Literal literal => new Result(literal.Value?.DeepClone(), Runtime: false),
        Member member => EvaluateMember(member, scope),
        Index index => EvaluateIndex(index, scope),
        Call call => EvaluateCall(call, scope),
        _ => Runtime(expression),
    };

    private static Result EvaluateMember(Member member, TemplateScope scope)
    {
        // reference(resourceId('Microsoft.Resources/deployments', 'm'), 'v').outputs.o.value: a module output.
        if (member is { Name: "value", Target: Member { Target: Member { Name: "outputs", Target: Call { Name: "reference" } reference } } output }
            && reference.Arguments.Count >= 1
            && reference.Arguments[0] is Call { Name: "resourceId", Arguments: [Literal type, Literal name] }
            && (string?)type.Value == "Microsoft.Resources/deployments")
        {
            var module = scope.Module((string)name.Value!);
            return new Result(module.Resolve(module.Template["outputs"]?[output.Name]?["value"])?.DeepClone(), Runtime: false);
        }

        var target = Evaluate(member.Target, scope);
        if (target.Runtime || target.Node is not JsonObject obj)
        {
            return Runtime(member);
        }

        return new Result(obj[member.Name]?.DeepClone(), Runtime: false);
    }

    private static Result EvaluateIndex(Index index, TemplateScope scope)
    {
        var target = Evaluate(index.Target, scope);
        var key = Evaluate(index.Key, scope);
        if (target.Runtime || key.Runtime)
        {
            return Runtime(index);
        }

        return (target.Node, key.Node) switch
        {
            (JsonArray array, JsonValue position) when position.TryGetValue<int>(out var i) && i >= 0 && i < array.Count =>
                new Result(array[i]?.DeepClone(), Runtime: false),
            (JsonObject obj, JsonValue name) when name.TryGetValue<string>(out var property) =>
                new Result(obj[property]?.DeepClone(), Runtime: false),
            _ => Runtime(index),
        };
    }

    private static Result EvaluateCall(Call call, TemplateScope scope)
    {
        switch (call.Name.ToLowerInvariant())
        {
            case "parameters" when call.Arguments is [Literal { Value: JsonValue name }]:
                return new Result(scope.Parameter(name.GetValue<string>())?.DeepClone(), Runtime: false);
            case "variables" when call.Arguments is [Literal { Value: JsonValue name }]:
                return new Result(scope.Resolve(scope.Template["variables"]?[name.GetValue<string>()])?.DeepClone(), Runtime: false);
            case "true":
                return new Result(JsonValue.Create(true), Runtime: false);
            case "false":
                return new Result(JsonValue.Create(false), Runtime: false);
        }

        var arguments = call.Arguments.Select(argument => Evaluate(argument, scope)).ToList();
        switch (call.Name.ToLowerInvariant())
        {
            case "format" when arguments.Count >= 1 && !arguments[0].Runtime:
                var format = arguments[0].Node?.ToString() ?? string.Empty;
                var values = arguments.Skip(1).Select(argument => (object)Text(argument)).ToArray();
                return new Result(JsonValue.Create(string.Format(CultureInfo.InvariantCulture, format, values)), Runtime: false);
            case "concat" when arguments.Count > 0 && arguments.All(argument => argument.Node is JsonArray):
                return new Result(new JsonArray(arguments.SelectMany(argument => argument.Node!.AsArray().Select(item => item?.DeepClone())).ToArray()), Runtime: false);
            case "concat":
                return new Result(JsonValue.Create(string.Concat(arguments.Select(Text))), Runtime: false);
            case "string" when arguments is [{ Runtime: false } value]:
                return new Result(JsonValue.Create(value.Node is JsonValue ? value.Node.ToString() : value.Node?.ToJsonString()), Runtime: false);
            case "createarray":
                return new Result(new JsonArray(arguments.Select(argument => argument.Node?.DeepClone()).ToArray()), Runtime: false);
            case "createobject" when arguments.Count % 2 == 0 && arguments.Where((_, i) => i % 2 == 0).All(key => !key.Runtime):
                var created = new JsonObject();
                for (var i = 0; i < arguments.Count; i += 2)
                {
                    created[arguments[i].Node!.ToString()] = arguments[i + 1].Node?.DeepClone();
                }

                return new Result(created, Runtime: false);
            case "union" when arguments.Count > 0 && arguments.All(argument => argument.Node is JsonObject):
                var union = new JsonObject();
                foreach (var (key, value) in arguments.SelectMany(argument => argument.Node!.AsObject()))
                {
                    union[key] = value?.DeepClone();
                }

                return new Result(union, Runtime: false);
            default:
                return Runtime(call);
        }
    }

    private static string Text(Result result) => result.Node switch
    {
        null => string.Empty,
        JsonValue value => value.ToString(),
        var node => node.ToJsonString(),
    };

    private static Result Runtime(Node expression) => new(JsonValue.Create($"[{expression.Text}]"), Runtime: true);

    private sealed record Result(JsonNode? Node, bool Runtime);

    private abstract record Node(string Text);

    private sealed record Literal(JsonNode? Value, string Text) : Node(Text);

    private sealed record Call(string Name, IReadOnlyList<Node> Arguments, string Text) : Node(Text);

    private sealed record Member(Node Target, string Name, string Text) : Node(Text);

    private sealed record Index(Node Target, Node Key, string Text) : Node(Text);

    private sealed class Parser(string source)
    {
        private int _position;

        public Node ParseExpression()
        {
            SkipSpaces();
            var start = _position;
            var node = ParsePrimary();
            while (true)
            {
                if (Peek('.'))
                {
                    _position++;
                    var name = ReadIdentifier();
                    node = new Member(node, name, source[start.._position]);
                }
                else if (Peek('['))
                {
                    _position++;
                    var key = ParseExpression();
                    Expect(']');
                    node = new Index(node, key, source[start.._position]);
                }
                else
                {
                    return node;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position != source.Length)
            {
                throw new FormatException($"Unexpected '{source[_position..]}' in expression '{source}'.");
            }
        }

        private Node ParsePrimary()
        {
            SkipSpaces();
            var start = _position;
            if (Peek('\''))
            {
                return new Literal(JsonValue.Create(ReadString()), source[start.._position]);
            }

            if (_position < source.Length && (char.IsDigit(source[_position]) || source[_position] == '-'))
            {
                _position++;
                while (_position < source.Length && char.IsDigit(source[_position]))
                {
                    _position++;
                }

                return new Literal(JsonValue.Create(long.Parse(source[start.._position], CultureInfo.InvariantCulture)), source[start.._position]);
            }

            var name = ReadIdentifier();
            SkipSpaces();
            var arguments = new List<Node>();
            if (Peek('('))
            {
                _position++;
                SkipSpaces();
                while (!Peek(')'))
                {
                    arguments.Add(ParseExpression());
                    SkipSpaces();
                    if (Peek(','))
                    {
                        _position++;
                    }
                }

                Expect(')');
            }

            return new Call(name, arguments, source[start.._position]);
        }

        private string ReadString()
        {
            Expect('\'');
            var text = new StringBuilder();
            while (true)
            {
                if (_position >= source.Length)
                {
                    throw new FormatException($"Unterminated string in '{source}'.");
                }

                var c = source[_position++];
                if (c == '\'')
                {
                    if (Peek('\''))
                    {
                        text.Append('\'');
                        _position++;
                        continue;
                    }

                    return text.ToString();
                }

                text.Append(c);
            }
        }

        private string ReadIdentifier()
        {
            SkipSpaces();
            var start = _position;
            while (_position < source.Length && (char.IsLetterOrDigit(source[_position]) || source[_position] is '_' or '$'))
            {
                _position++;
            }

            if (start == _position)
            {
                throw new FormatException($"Expected an identifier at {start} in '{source}'.");
            }

            return source[start.._position];
        }

        private bool Peek(char c)
        {
            SkipSpaces();
            return _position < source.Length && source[_position] == c;
        }

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw new FormatException($"Expected '{c}' at {_position} in '{source}'.");
            }

            _position++;
        }

        private void SkipSpaces()
        {
            while (_position < source.Length && char.IsWhiteSpace(source[_position]))
            {
                _position++;
            }
        }
    }
}
