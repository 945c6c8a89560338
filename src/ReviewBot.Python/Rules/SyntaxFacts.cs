using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules;

/// <summary>Small questions rules ask of expressions.</summary>
public static class SyntaxFacts
{
    /// <summary>A string literal with no replacement fields (a plain string, or an f-string without fields).</summary>
    public static bool IsLiteralString(Expression? expression) => expression is StringExpression { Interpolations.Count: 0 };

    /// <summary>A literal that needs no evaluation: strings, numbers, None/True/False, and tuples/lists of those.</summary>
    public static bool IsLiteral(Expression? expression) => expression switch
    {
        StringExpression { Interpolations.Count: 0 } or ConstantExpression => true,
        SequenceExpression sequence => sequence.Elements.All(IsLiteral),
        _ => false,
    };

    /// <summary>A string built at run time: an f-string with fields, <c>%</c>-formatting, <c>.format()</c> or <c>+</c> with a string.</summary>
    public static bool IsBuiltString(Expression? expression) => expression switch
    {
        StringExpression { Interpolations.Count: > 0 } => true,
        BinaryExpression { Operator: "%", Left: StringExpression } => true,
        CallExpression { Function: AttributeExpression { Name: "format", Value: StringExpression } } => true,
        BinaryExpression { Operator: "+" } binary => !IsLiteralText(binary)
            && (binary.Left is StringExpression || binary.Right is StringExpression || IsLiteralText(binary.Left) || IsLiteralText(binary.Right)
                || IsBuiltString(binary.Left) || IsBuiltString(binary.Right)),
        _ => false,
    };

    /// <summary>A string known before run time: a literal without replacement fields, or a '+' of such literals ("a" + "b").</summary>
    public static bool IsLiteralText(Expression? expression) => expression switch
    {
        StringExpression { Interpolations.Count: 0 } => true,
        BinaryExpression { Operator: "+" } binary => IsLiteralText(binary.Left) && IsLiteralText(binary.Right),
        _ => false,
    };

    /// <summary>The method or function name a call invokes: <c>info</c> for <c>LOG.info(...)</c>, <c>open</c> for <c>open(...)</c>.</summary>
    public static string? CalleeName(CallExpression call) => call.Function switch
    {
        NameExpression name => name.Id,
        AttributeExpression attribute => attribute.Name,
        _ => null,
    };

    /// <summary>The dotted text of a name or attribute chain (<c>self.server.stop</c>), or null.</summary>
    public static string? DottedName(Expression? expression) => expression switch
    {
        NameExpression name => name.Id,
        AttributeExpression attribute when DottedName(attribute.Value) is { } prefix => prefix + "." + attribute.Name,
        _ => null,
    };

    public static bool IsTrue(Expression? expression) => expression is ConstantExpression { Kind: ConstantKind.True };

    public static bool IsFalse(Expression? expression) => expression is ConstantExpression { Kind: ConstantKind.False };

    /// <summary>A special name: <c>__init__</c>, <c>__str__</c>.</summary>
    public static bool IsDunder(string name) => name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    /// <summary>The docstring of a body, if its first statement is a string literal.</summary>
    public static StringExpression? Docstring(IReadOnlyList<Statement> body) =>
        body.Count > 0 && body[0] is ExpressionStatement { Value: StringExpression text } ? text : null;

    /// <summary>
    /// Whether an identifier is mixedCase (<c>evacuateServer</c>): a lower-case word, then at least one capitalised word
    /// (an upper-case letter followed by a lower-case one), no underscore. Math-style names (<c>mB</c>, <c>degG</c>)
    /// are not: a single capital is a symbol, not a word.
    /// </summary>
    public static bool IsMixedCase(string name)
    {
        var trimmed = name.TrimStart('_');
        if (trimmed.Length < 3 || !char.IsAsciiLetterLower(trimmed[0]) || !char.IsAsciiLetterLower(trimmed[1]) || trimmed.Contains('_')) return false;
        for (var i = 1; i + 1 < trimmed.Length; i++)
        {
            if (char.IsAsciiLetterUpper(trimmed[i]) && char.IsAsciiLetterLower(trimmed[i + 1])) return true;
        }

        return false;
    }

    public static bool IsSnakeCase(string name)
    {
        var trimmed = name.TrimStart('_');
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !char.IsAsciiDigit(trimmed[0]);
    }

    /// <summary><c>evacuateServerGroup</c> becomes <c>evacuate_server_group</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                var previousLower = i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && i > 0 && char.IsAsciiLetterUpper(name[i - 1]);
                if (previousLower || nextLower) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
