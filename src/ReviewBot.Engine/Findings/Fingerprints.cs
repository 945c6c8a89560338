using System.Security.Cryptography;
using System.Text;
using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Findings;

/// <summary>
/// Computes finding fingerprints: a hash of the rule, the path and the whitespace-normalized text of the flagged
/// lines, so that a finding keeps its fingerprint when unrelated lines above it move. Identical findings in one file
/// are told apart by their ordinal.
/// </summary>
public static class Fingerprints
{
    /// <summary>Returns <paramref name="findings"/> with <see cref="Finding.Fingerprint"/> set; order is preserved.</summary>
    public static IReadOnlyList<Finding> Assign(IReadOnlyList<Finding> findings, Func<string, LineIndex?> linesOf)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new Finding[findings.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            var lines = linesOf(finding.Path);
            var text = lines is null ? "" : Normalize(lines, finding.StartLine, Math.Max(finding.StartLine, finding.EndLine));
            var key = Hash($"{finding.RuleId}\n{finding.Path}\n{text}");
            var ordinal = seen.TryGetValue(key, out var n) ? n + 1 : 1;
            seen[key] = ordinal;
            result[i] = finding with { Fingerprint = ordinal == 1 ? key : $"{key}:{ordinal}" };
        }

        return result;
    }

    private static string Normalize(LineIndex lines, int startLine, int endLine)
    {
        var builder = new StringBuilder();
        // A bounded window: a finding that spans a whole class must not hash the class.
        var last = Math.Min(endLine, startLine + 5);
        for (var line = startLine; line <= last && line <= lines.Count; line++)
        {
            foreach (var part in lines.GetLine(line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Append(part).Append(' ');
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..10]);
    }
}
