using System.Text.RegularExpressions;

namespace ReviewBot.Engine.Reporting;

/// <summary>
/// The hidden marker an inline comment carries (<c>&lt;!-- reviewbot:fingerprint:… --&gt;</c>): a re-run finds its own
/// comments by it and posts nothing twice.
/// </summary>
public static partial class FingerprintMarker
{
    private const string Start = "<!-- reviewbot:fingerprint:";
    private const string End = " -->";

    /// <summary>The marker of <paramref name="fingerprint"/>.</summary>
    public static string For(string fingerprint) => Start + fingerprint + End;

    /// <summary>The fingerprints named by markers in <paramref name="body"/>.</summary>
    public static IEnumerable<string> FindIn(string? body) =>
        body is null ? [] : Marker().Matches(body).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"<!-- reviewbot:fingerprint:([0-9a-f:]+) -->")]
    private static partial Regex Marker();
}
