using System.Globalization;
using System.Text;

namespace ReviewBot.Engine.Text;

/// <summary>
/// Text a pull request controls (file names above all: git allows any byte but <c>/</c> and NUL in them), made safe to
/// print on one line of a report, a log or a CI annotation: control characters, line and paragraph separators and
/// bidirectional overrides become visible escapes (<c>\n</c>, <c>\u202E</c>), so a file name cannot start a line of its
/// own, forge a report line or a GitHub Actions workflow command, or reorder what a reader sees.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// <paramref name="text"/> with every unsafe character escaped, cut to <paramref name="maxLength"/> characters
    /// (with <c>…</c>) when longer.
    /// </summary>
    public static string Escape(string text, int maxLength = int.MaxValue)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                clean = false;
                break;
            }
        }

        if (clean) return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (escaped.Length >= maxLength) return escaped.Append('…').ToString();
            if (!IsUnsafe(c))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return escaped.ToString();
    }

    /// <summary>Control characters (C0, DEL, C1), U+2028/U+2029, and the bidirectional embedding, override and isolate characters.</summary>
    public static bool IsUnsafe(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
