namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The shape of C# source that decides whether Roslyn can be trusted with it, found by a linear scan that skips
/// comments, character literals and string literals: the deepest nesting of brackets (<c>( [ {</c>), and the longest
/// run of tokens without a <c>, ; { }</c> between them. Roslyn's parser and binder recurse once per level of nesting,
/// on some paths without a stack guard (generic arguments, casts, conditional chains, <c>await await ...</c>) and with
/// quadratic look-ahead on others, so a file built of such a run thousands of tokens long would overflow the stack,
/// ending the process, or run for minutes. Such files are refused before they reach the parser.
/// </summary>
internal static class NestingDepth
{
    /// <summary>The deepest bracket nesting.</summary>
    public static int Of(string text) => Scan(text).Depth;

    public static (int Depth, int LongestRun) Scan(string text)
    {
        int depth = 0, deepest = 0, run = 0, longest = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && Next(text, i) == '/')
            {
                i = text.IndexOf('\n', i) is var end && end < 0 ? text.Length : end;
                continue;
            }

            if (c == '/' && Next(text, i) == '*')
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end < 0 ? text.Length : end + 2;
                continue;
            }

            if (c == '"' && Next(text, i) == '"' && Next(text, i + 1) == '"')
            {
                i = SkipRaw(text, i);
            }
            else if (c == '"')
            {
                i = SkipQuoted(text, i + 1, '"', verbatim: i > 0 && (text[i - 1] == '@' || (i > 1 && text[i - 2] == '@' && text[i - 1] == '$')));
            }
            else if (c == '\'')
            {
                i = SkipQuoted(text, i + 1, '\'', verbatim: false);
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            }
            else
            {
                if (c is '(' or '[' or '{') deepest = Math.Max(deepest, ++depth);
                else if (c is ')' or ']' or '}') depth = Math.Max(0, depth - 1);
                i++;
                if (c is ',' or ';' or '{' or '}')
                {
                    run = 0;
                    continue;
                }
            }

            longest = Math.Max(longest, ++run);
        }

        return (deepest, longest);
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    // Returns the index after the closing quote (or the end of the line for an unterminated literal).
    private static int SkipQuoted(string text, int i, char quote, bool verbatim)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (!verbatim && c == '\\') i += 2;
            else if (verbatim && c == quote && Next(text, i) == quote) i += 2;
            else if (c == quote) return i + 1;
            else if (!verbatim && c == '\n') return i + 1;
            else i++;
        }

        return text.Length;
    }

    // A raw string literal opens with three or more quotes and closes with as many.
    private static int SkipRaw(string text, int i)
    {
        var start = i;
        while (i < text.Length && text[i] == '"') i++;
        var fence = new string('"', i - start);
        var end = text.IndexOf(fence, i, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + fence.Length;
    }
}
