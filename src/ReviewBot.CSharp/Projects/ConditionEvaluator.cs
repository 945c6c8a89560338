using System.Globalization;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// MSBuild's <c>Condition</c> language, as real project files use it: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>,
/// <c>&lt;=</c>, <c>&gt;=</c> (numbers and versions), <c>and</c>, <c>or</c>, <c>!</c>, parentheses, <c>Exists()</c> and
/// <c>HasTrailingSlash()</c>, with properties expanded by <see cref="PropertyExpander"/>. The answer is true, false, or
/// null for "unknown" (an expression the reader does not evaluate, items, a malformed condition): callers treat unknown
/// as false, so the element is skipped and the SDK's default stands.
/// </summary>
internal static class ConditionEvaluator
{
    /// <summary>The longest condition read; real ones are well under a kilobyte.</summary>
    public const int MaxLength = 16 * 1024;

    public static bool? Evaluate(string? condition, IExpansionScope scope)
    {
        if (string.IsNullOrWhiteSpace(condition)) return true;
        if (condition.Length > MaxLength || condition.Contains("@(", StringComparison.Ordinal) || condition.Contains("%(", StringComparison.Ordinal)) return null;
        try
        {
            var parser = new Parser(Tokenize(condition), scope);
            var result = parser.ParseOr();
            return parser.AtEnd ? AsBool(result) : null;
        }
        catch (UnknownExpressionException)
        {
            return null;
        }
    }

    private static bool AsBool(Value value) => value.Kind switch
    {
        ValueKind.Boolean => value.Boolean,
        _ => value.Text.ToLowerInvariant() switch
        {
            // MSBuild's own boolean spellings, "!false" and its kin included (a property can expand to them).
            "true" or "on" or "yes" or "!false" or "!off" or "!no" => true,
            "false" or "off" or "no" or "!true" or "!on" or "!yes" => false,
            _ => throw new UnknownExpressionException(value.Text),
        },
    };

    private enum ValueKind { Boolean, Text }

    private readonly record struct Value(ValueKind Kind, bool Boolean, string Text)
    {
        public static Value Of(bool value) => new(ValueKind.Boolean, value, "");

        public static Value Of(string text) => new(ValueKind.Text, false, text);
    }

    private enum TokenKind { Text, Name, Open, Close, Not, Operator, Comma }

    private readonly record struct Token(TokenKind Kind, string Text, bool Quoted);

    private static List<Token> Tokenize(string condition)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < condition.Length)
        {
            var c = condition[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"' or '`')
            {
                // A quoted string may hold $(...) with quotes of its own inside.
                var j = i + 1;
                while (j < condition.Length && condition[j] != c)
                {
                    if (condition[j] == '$' && j + 1 < condition.Length && condition[j + 1] == '(')
                    {
                        var close = PropertyExpander.FindClose(condition, j + 1);
                        if (close < 0) throw new UnknownExpressionException(condition);
                        j = close + 1;
                    }
                    else
                    {
                        j++;
                    }
                }

                if (j >= condition.Length) throw new UnknownExpressionException(condition);
                tokens.Add(new Token(TokenKind.Text, condition[(i + 1)..j], true));
                i = j + 1;
            }
            else if (c == '$' && i + 1 < condition.Length && condition[i + 1] == '(')
            {
                var close = PropertyExpander.FindClose(condition, i + 1);
                if (close < 0) throw new UnknownExpressionException(condition);
                tokens.Add(new Token(TokenKind.Text, condition[i..(close + 1)], false));
                i = close + 1;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "(", false));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")", false));
                i++;
            }
            else if (c == ',')
            {
                tokens.Add(new Token(TokenKind.Comma, ",", false));
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < condition.Length ? condition.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, false));
                    i += 2;
                }
                else if (c == '!')
                {
                    tokens.Add(new Token(TokenKind.Not, "!", false));
                    i++;
                }
                else if (c is '<' or '>')
                {
                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), false));
                    i++;
                }
                else
                {
                    throw new UnknownExpressionException(condition);
                }
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '+')
            {
                var j = i;
                while (j < condition.Length && (char.IsLetterOrDigit(condition[j]) || condition[j] is '_' or '.' or '-' or '+')) j++;
                tokens.Add(new Token(TokenKind.Name, condition[i..j], false));
                i = j;
            }
            else
            {
                throw new UnknownExpressionException(condition);
            }
        }

        return tokens;
    }

    private sealed class Parser(List<Token> tokens, IExpansionScope scope)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;

        private Token? Current => _position < tokens.Count ? tokens[_position] : null;

        public Value ParseOr()
        {
            var left = ParseAnd();
            while (Current is { Kind: TokenKind.Name } token && token.Text.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                var right = ParseAnd();
                left = Value.Of(AsBool(left) | AsBool(right));
            }

            return left;
        }

        private Value ParseAnd()
        {
            var left = ParseUnary();
            while (Current is { Kind: TokenKind.Name } token && token.Text.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                var right = ParseUnary();
                left = Value.Of(AsBool(left) & AsBool(right));
            }

            return left;
        }

        private Value ParseUnary()
        {
            if (Current is { Kind: TokenKind.Not })
            {
                _position++;
                return Value.Of(!AsBool(ParseUnary()));
            }

            return ParseComparison();
        }

        private Value ParseComparison()
        {
            var left = ParseOperand();
            if (Current is not { Kind: TokenKind.Operator } op) return left;
            _position++;
            var right = ParseOperand();
            return Value.Of(Compare(left, op.Text, right));
        }

        private Value ParseOperand()
        {
            var token = Current ?? throw new UnknownExpressionException("end of condition");
            _position++;
            switch (token.Kind)
            {
                case TokenKind.Open:
                    var inner = ParseOr();
                    Expect(TokenKind.Close);
                    return inner;
                case TokenKind.Text:
                    return Value.Of(PropertyExpander.Expand(token.Text, scope));
                case TokenKind.Name when Current is { Kind: TokenKind.Open }:
                    return Value.Of(Call(token.Text));
                case TokenKind.Name:
                    return Value.Of(token.Text);
                default:
                    throw new UnknownExpressionException(token.Text);
            }
        }

        private bool Call(string function)
        {
            Expect(TokenKind.Open);
            var argument = Current is { Kind: TokenKind.Close } ? "" : ParseOperand().Text;
            Expect(TokenKind.Close);
            switch (function.ToLowerInvariant())
            {
                case "exists":
                    if (argument.Trim().Length == 0) return false;
                    var path = MsBuildPath.Resolve(argument, scope.ConditionDirectory);
                    if (MsBuildPath.IsToolset(path)) throw new UnknownExpressionException($"Exists('{argument}')");
                    return scope.FileExists(path) || scope.DirectoryExists(path);
                case "hastrailingslash":
                    return argument.EndsWith('/') || argument.EndsWith('\\');
                default:
                    throw new UnknownExpressionException(function);
            }
        }

        private void Expect(TokenKind kind)
        {
            if (Current?.Kind != kind) throw new UnknownExpressionException(kind.ToString());
            _position++;
        }

        private static bool Compare(Value left, string op, Value right)
        {
            var a = left.Kind == ValueKind.Boolean ? (left.Boolean ? "true" : "false") : left.Text;
            var b = right.Kind == ValueKind.Boolean ? (right.Boolean ? "true" : "false") : right.Text;
            if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                return op switch { "==" => x == y, "!=" => x != y, "<" => x < y, ">" => x > y, "<=" => x <= y, _ => x >= y };
            }

            if (op is "==" or "!=")
            {
                var equal = string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
                return op == "==" ? equal : !equal;
            }

            if (PropertyExpander.ParseVersion(a) is { } v && PropertyExpander.ParseVersion(b) is { } w)
            {
                var order = v.CompareTo(w);
                return op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 };
            }

            throw new UnknownExpressionException($"{a} {op} {b}");
        }
    }
}
