namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The deepest nesting of brackets (<c>( [ {</c>) in C# source, found by a linear scan that skips comments, character
/// literals and string literals (regular, verbatim and raw). Roslyn's parser recurses once per level and, on some paths,
/// without a stack guard, so a file nested thousands deep would overflow the stack and end the process: such files are
/// refused before they reach the parser.
/// </summary>
internal static class NestingDepth
{
    public static int Of(string text)
    {
        int depth = 0, deepest = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && Next(text, i) == '/')
            {
                i = text.IndexOf('\n', i) is var end && end < 0 ? text.Length : end;
            }
            else if (c == '/' && Next(text, i) == '*')
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end < 0 ? text.Length : end + 2;
            }
            else if (c == '"' && Next(text, i) == '"' && Next(text, i + 1) == '"')
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
            else
            {
                if (c is '(' or '[' or '{') deepest = Math.Max(deepest, ++depth);
                else if (c is ')' or ']' or '}') depth = Math.Max(0, depth - 1);
                i++;
            }
        }

        return deepest;
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
