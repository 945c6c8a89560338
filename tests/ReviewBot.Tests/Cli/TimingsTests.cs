using System.Globalization;
using System.Text.RegularExpressions;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli;

/// <summary><c>reviewbot review --timings</c>, run as users run it: the real executable in a process of its own.</summary>
public sealed partial class TimingsTests
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string directory, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string>(), directory, args);

    private static TempGitRepository MixedRepository()
    {
        var repo = new TempGitRepository();
        repo.Write("README.md", "demo\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("app/Service.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("app/Service.cs", "namespace Demo;\n\npublic class Service\n{\n    public void old_style() { }\n}\n")
            .Write("tool/job.py", "import os\n\n\ndef Run(x):\n    unused = 1\n    return x\n")
            .Commit("feature");
        return repo;
    }

    [Fact]
    public async Task Timings_GoToStandardError_NameEveryStage_AndAddUpToTheWallTime()
    {
        using var repo = MixedRepository();

        var plain = await RunProcessAsync(repo.Path, "review", "--base", "main", "--head", "feature", "--offline", "--format", "json");
        var timed = await RunProcessAsync(repo.Path, "review", "--base", "main", "--head", "feature", "--offline", "--format", "json", "--timings");

        Assert.Equal(plain.ExitCode, timed.ExitCode);
        Assert.Equal(plain.Stdout, timed.Stdout);
        Assert.DoesNotContain("timings", plain.Stderr, StringComparison.Ordinal);
        var header = Header().Match(timed.Stderr);
        Assert.True(header.Success, timed.Stderr);
        var total = double.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);

        var stages = Row().Matches(timed.Stderr).ToDictionary(m => m.Groups[2].Value.TrimEnd(), m => (Nested: m.Groups[1].Value.Length > 2, Seconds: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        foreach (var stage in new[]
        {
            "start-up: process start to Main (the .NET runtime)", "configuration (.reviewbot.yml)", "git: merge base", "git: diff", "git: blob reads",
            "analysis", "python: parse", "python: semantic model", "python: unused-code rules", "python: naming rules",
            "csharp: project context (MSBuild files, .editorconfig)", "csharp: parse changed files", "csharp: naming rules",
            "filter: suppressions, severities, fingerprints, diff", "report: render and write", "not timed (between stages)",
        })
        {
            Assert.True(stages.ContainsKey(stage), $"no '{stage}' in:\n{timed.Stderr}");
        }

        // The stages ran one after another: with what no stage covered, they are the whole wall time, and what no
        // stage covered is a small part of it.
        var topLevel = stages.Where(s => !s.Value.Nested).ToList();
        Assert.InRange(topLevel.Sum(s => s.Value.Seconds), total - 0.001 * topLevel.Count, total + 0.001 * topLevel.Count);
        Assert.InRange(stages["not timed (between stages)"].Seconds, -0.01, 0.1 * total);
        Assert.True(stages["start-up: process start to Main (the .NET runtime)"].Seconds > 0, timed.Stderr);

        // The analysis's wall time is shared out among its work.
        var work = stages.Where(s => s.Value.Nested).Sum(s => s.Value.Seconds);
        Assert.InRange(work, stages["analysis"].Seconds - 0.03, stages["analysis"].Seconds + 0.03);
    }

    [GeneratedRegex(@"^timings: (\d+\.\d{3}) s from process start to the report written", RegexOptions.Multiline)]
    private static partial Regex Header();

    [GeneratedRegex(@"^(  +)(\S.*?)\s{2,}(-?\d+\.\d{3}) s\s+-?\d+\.\d%", RegexOptions.Multiline)]
    private static partial Regex Row();
}
