using System.Text.Json;
using ReviewBot.Cli;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.EndToEnd;

/// <summary>
/// A pull request names its files, and git allows any byte but <c>/</c> and NUL in a name: newlines, escape sequences,
/// bidirectional overrides, a leading <c>::</c>. Whatever the name, the text report, the summary and the GitHub Actions
/// log show it on one line and it cannot become a workflow command. A symbolic link is never followed, and the report
/// says it was skipped.
/// </summary>
public sealed class HostileFileNameTests
{
    private const string Forging = "x\n::error file=README.md,line=1::forged by a file name\n.py";
    private const string Unused = "import os\n\n\ndef used():\n    return 1\n";

    private static TempGitRepository RepositoryWith(params (string Path, string Text)[] files)
    {
        var repo = new TempGitRepository();
        repo.Write("README.md", "x\n").Commit("base");
        repo.Checkout("feature", create: true);
        foreach (var (path, text) in files) repo.Write(path, text);
        repo.Commit("hostile names");
        return repo;
    }

    [Fact]
    public async Task NewlinesInAFileName_CannotForgeReportLines()
    {
        using var repo = RepositoryWith((Forging, Unused), ("evil\u001b[2J\u202Egnp.py", Unused));

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--fail-on", "none");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("x\\n::error file=README.md,line=1::forged by a file name\\n.py:1:1:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("evil\\u001B[2J\\u202Egnp.py:1:1:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Stdout.Split('\n'), line => line.StartsWith("::", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('\u202E', result.Stdout);
    }

    [Fact]
    public async Task InGitHubActions_NothingInTheReportIsAWorkflowCommand()
    {
        // No control character at all: a name that starts with "::" is a workflow command if a line starts with it.
        using var repo = RepositoryWith(("::error file=README.md,line=1::forged.py", Unused));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string? Environment(string name) => name == "GITHUB_ACTIONS" ? "true" : null;

        var code = await ReviewCommand.RunAsync(
            ["--repo", repo.Path, "--base", "main", "--head", "feature", "--fail-on", "none"], Environment, stdout, stderr, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = stdout.ToString().TrimEnd('\n').Split('\n');
        var stop = lines[0];
        Assert.StartsWith("::stop-commands::", stop, StringComparison.Ordinal);
        var token = stop["::stop-commands::".Length..];
        Assert.True(token.Length >= 32, token);
        Assert.Equal($"::{token}::", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("::error file=README.md,line=1::forged.py:1:1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SymbolicLinks_AreSkippedWithANotice_TheirTargetIsNeverRead()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "x\n").Commit("base");
        repo.Checkout("feature", create: true).Write("real.py", Unused);
        File.CreateSymbolicLink(Path.Combine(repo.Path, "passwd.py"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "alias.py"), "real.py");
        repo.Commit("links");

        var json = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--fail-on", "none");
        var text = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--fail-on", "none");

        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);
        var skipped = report.RootElement.GetProperty("notices").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "Skipped")
            .ToDictionary(n => n.GetProperty("path").GetString()!, n => n.GetProperty("message").GetString()!);
        Assert.Equal(["alias.py", "passwd.py"], skipped.Keys.Order(StringComparer.Ordinal));
        Assert.All(skipped.Values, m => Assert.Contains("symbolic link", m, StringComparison.Ordinal));
        var paths = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Distinct().ToList();
        Assert.Equal(["real.py"], paths);
        Assert.DoesNotContain("root:", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 files were skipped (deleted, binary, symbolic link or submodule)", text.Stdout, StringComparison.Ordinal);
    }
}
