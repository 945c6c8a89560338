using System.Text;

namespace ReviewBot.Engine.Reporting;

/// <summary>
/// The lengths GitHub accepts for what ReviewBot writes, and the cutting that keeps every body within them: a cut text
/// ends in an ellipsis and never splits a surrogate pair.
/// </summary>
public static class GitHubLimits
{
    public const int MaxAnnotationsPerRequest = 50; // GitHub checks API: annotations per request
    public const int MaxCommentLength = 65_536; // GitHub: issue comment, review and review comment bodies
    public const int MaxOutputLength = 65_535; // GitHub checks API: output.summary and output.text
    public const int MaxAnnotationMessageBytes = 64 * 1024; // GitHub checks API: annotation message
    public const int MaxAnnotationTitleLength = 255; // GitHub checks API: annotation title
    public const int MaxCheckRunTitleLength = 255; // kept short: GitHub shows it on one line

    /// <summary><paramref name="text"/>, or its first characters and an ellipsis, <paramref name="maxLength"/> characters at most.</summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        const string ellipsis = "…";
        var cut = maxLength - ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..Math.Max(0, cut)] + ellipsis;
    }

    /// <summary><paramref name="text"/>, or its first characters and an ellipsis, <paramref name="maxBytes"/> UTF-8 bytes at most.</summary>
    public static string CutBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var length = Math.Min(text.Length, maxBytes / 4);
        while (length < text.Length && Encoding.UTF8.GetByteCount(text.AsSpan(0, length + 1)) <= maxBytes - 3) length++;
        return Cut(text, length + 1);
    }
}
