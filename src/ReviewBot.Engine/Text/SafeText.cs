using System.Buffers;
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
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0) return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, Math.Min(first, maxLength));
        for (var i = first; i < text.Length; i++)
        {
            if (escaped.Length >= maxLength) return escaped.Append('…').ToString();
            var c = text[i];
            if (!Unsafe.Contains(c))
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

    // Control characters (C0, DEL, C1), U+2028/U+2029, and the bidirectional marks, embeddings, overrides and isolates.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [
            .. Range('\u0000', '\u001F'), .. Range('\u007F', '\u009F'), '\u061C', '\u200E', '\u200F', '\u2028', '\u2029',
            .. Range('\u202A', '\u202E'), .. Range('\u2066', '\u2069'),
        ]);

    private static IEnumerable<char> Range(char first, char last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);
}
