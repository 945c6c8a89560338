using System.Security.Cryptography;
using ReviewBot.Engine.Text;

namespace ReviewBot.Cli;

/// <summary>
/// GitHub Actions reads every line a step prints, and a line that starts with <c>::</c> is a workflow command
/// (<c>::error file=...::</c>, <c>::add-mask::</c>, ...). A report holds file names and messages a pull request
/// chose, so it is printed between <c>::stop-commands::</c> and its one-time token, and our own commands carry
/// their data escaped.
/// </summary>
internal static class WorkflowCommands
{
    /// <summary>Whether this process runs as a GitHub Actions step (Actions sets <c>GITHUB_ACTIONS=true</c>).</summary>
    public static bool InGitHubActions(Func<string, string?> environment) =>
        string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="text"/> framed so the runner reads no command in it: <c>::stop-commands::TOKEN</c> first and
    /// <c>::TOKEN::</c> last, with a token no pull request can know in advance.
    /// </summary>
    public static string Inert(string text)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var end = text.Length == 0 || text.EndsWith('\n') ? "" : "\n";
        return $"::stop-commands::{token}\n{text}{end}::{token}::\n";
    }

    /// <summary>The data of a workflow command (after its <c>::</c>): one line, with <c>%</c> escaped as the runner expects.</summary>
    public static string Data(string message) => SafeText.Escape(message.Replace("%", "%25", StringComparison.Ordinal));
}
