using System.Globalization;
using System.Text;

namespace ReviewBot.Python.Syntax;

/// <summary>Reads the value of a Python string literal token.</summary>
public static class StringLiterals
{
    /// <summary>The prefix letters of a string token (<c>rb</c> in <c>rb'x'</c>).</summary>
    public static string PrefixOf(string token)
    {
        var i = 0;
        while (i < token.Length && token[i] is not ('"' or '\'')) i++;
        return token[..i];
    }

    /// <summary>Decodes one string token; f-string replacement fields are kept as written.</summary>
    public static string Decode(string token)
    {
        var prefix = PrefixOf(token);
        var raw = prefix.Contains('r', StringComparison.OrdinalIgnoreCase);
        var body = token[prefix.Length..];
        var quoteLength = body.Length >= 6 && (body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal)) ? 3 : 1;
        if (body.Length < 2 * quoteLength) return "";
        body = body[quoteLength..^quoteLength];
        if (raw || !body.Contains('\\')) return body;
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case '\n': break;
                case '\r':
                    if (i + 1 < body.Length && body[i + 1] == '\n') i++;
                    break;
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '0' when i + 1 >= body.Length || !char.IsAsciiDigit(body[i + 1]): builder.Append('\0'); break;
                case '\\' or '\'' or '"': builder.Append(next); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case 'x' when i + 2 < body.Length && int.TryParse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var x):
                    builder.Append((char)x);
                    i += 2;
                    break;
                default:
                    builder.Append('\\').Append(next);
                    break;
            }
        }

        return builder.ToString();
    }
}
