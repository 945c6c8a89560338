using System.Text;
using ReviewBot.Engine.Config;

namespace ReviewBot.Engine.Reporting;

/// <summary>ReviewBot's replies to <c>/reviewbot</c> commands on a pull request's conversation.</summary>
public static class CommandReplies
{
    /// <summary>The reply to a rerun asked for on a closed pull request.</summary>
    public const string Closed = "This pull request is closed: ReviewBot reviews open pull requests only.";

    /// <summary>The reply to <c>/reviewbot help</c> and, naming it, to an unknown command.</summary>
    public static string Help(string? unknown)
    {
        var text = new StringBuilder();
        if (unknown is not null) text.Append("ReviewBot does not know the command `").Append(unknown.Replace("`", "", StringComparison.Ordinal)).Append("`.\n\n");
        text.Append("""
            **ReviewBot commands** (a comment line starting with the command; people with write access to the repository):

            | Command | What it does |
            |---|---|
            | `/reviewbot rerun` | Review the pull request's current head again: a new check run, the summary edited, no comment posted twice. |
            | `/reviewbot help` | This help. |

            The repository's `.reviewbot.yml` (read from the default branch, never from the pull request) can set:
            """);
        text.Append(' ').AppendJoin(", ", ReviewConfigLoader.Keys.Select(k => $"`{k}`")).Append(".\n");
        return text.ToString();
    }

    /// <summary>The reply to a person who may not run commands.</summary>
    public static string Refused(string author) =>
        $"Sorry @{author}, only people with write access to this repository (owners, members and collaborators with the write, maintain or admin role) can run `/reviewbot` commands. A maintainer can run `/reviewbot rerun` for you.";
}
