namespace ReviewBot.Jobs;

/// <summary>
/// The <c>/reviewbot</c> commands of a pull request's conversation. A command is a line that starts with
/// <c>/reviewbot</c> (up to three spaces of indentation, as Markdown allows); lines of a quote (<c>&gt;</c>), of a
/// fenced code block or of an indented code block are not commands, so quoting or documenting a command never runs it.
/// </summary>
internal static class SlashCommands
{
    public const string Prefix = "/reviewbot";
    public const string Rerun = "rerun";
    public const string Help = "help";

    /// <summary>The associations that may run commands without asking the collaborator permission API.</summary>
    public static readonly IReadOnlySet<string> TrustedAssociations = new HashSet<string>(StringComparer.Ordinal) { "OWNER", "MEMBER", "COLLABORATOR" };

    /// <summary>The collaborator permissions (and role names) that may run commands.</summary>
    public static readonly IReadOnlySet<string> WritePermissions = new HashSet<string>(StringComparer.Ordinal) { "admin", "maintain", "write" };

    /// <summary>
    /// The command of the first command line of <paramref name="body"/>, lower-cased (<c>help</c> for a bare
    /// <c>/reviewbot</c>), or null when the body has none.
    /// </summary>
    public static string? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        string? fence = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ').Length;
            var text = line.TrimStart(' ');
            if (fence is not null)
            {
                if (indent <= 3 && text.StartsWith(fence, StringComparison.Ordinal) && text.TrimEnd().Trim(fence[0]).Length == 0) fence = null;
                continue;
            }

            if (indent <= 3 && (text.StartsWith("```", StringComparison.Ordinal) || text.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = new string(text[0], text.TakeWhile(c => c == text[0]).Count());
                continue;
            }

            if (indent > 3 || line.StartsWith('\t') || !text.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var rest = text[Prefix.Length..];
            if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) continue; // "/reviewbots" is not ours
            var word = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return word is null ? Help : Cut(word.ToLowerInvariant(), 40);
        }

        return null;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
