using System.Text.Json;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.EndToEnd;

/// <summary>
/// A pull request controls what the review reads. Files built to exhaust the parsers' stacks must become notices,
/// never a crashed process or a review that runs for minutes; the rest of the review goes on. (Before the C# bounds,
/// <c>Deep.cs</c> and <c>Generic.cs</c> overflowed Roslyn's parser and ended the process.)
/// </summary>
public sealed class HostileInputTests
{
    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Fact]
    public async Task DeeplyNestedFiles_AreNotices_TheOtherFilesAreReviewed()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "x\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("Deep.cs", "class D { int M() { return " + Repeat("(\n", 20_000) + "1" + Repeat(")\n", 20_000) + "; } }\n")
            .Write("Blocks.cs", "class B { void M() {\n" + Repeat("{\n", 20_000) + Repeat("}\n", 20_000) + "} }\n")
            .Write("Ifs.cs", "class I { void M(bool x) { " + Repeat("if (x)\n", 5_000) + "return; } }\n")
            .Write("deep.py", "x = " + Repeat("(\n", 20_000) + "1" + Repeat(")\n", 20_000))
            .Write("ifs.py", string.Concat(Enumerable.Range(0, 400).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 400) + "pass\n")
            .Write("lambdas.py", "f = " + Repeat("lambda: \\\n", 5_000) + "1\n")
            .Write("Generic.cs", "class G { " + Repeat("System.Collections.Generic.List<\n", 20_000) + "int" + Repeat(">\n", 20_000) + " F; }\n")
            .Write("Cast.cs", "class K { object F(object o) => " + Repeat("(object)\n", 20_000) + "o; }\n")
            .Write("Ternary.cs", "class T { int F(bool b) => " + Repeat("b ? 1 :\n", 20_000) + "0; }\n")
            .Write("Fine.cs", "class Fine { void bad_name() { } void Use() => bad_name(); }\n")
            .Commit("hostile");

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--fail-on", "none");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var limited = json.RootElement.GetProperty("notices").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "LimitExceeded")
            .Select(n => n.GetProperty("path").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["Blocks.cs", "Cast.cs", "Deep.cs", "Generic.cs", "Ifs.cs", "Ternary.cs", "deep.py", "ifs.py", "lambdas.py"], limited);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("path").GetString(), f.GetProperty("ruleId").GetString())).ToList();
        Assert.Contains(("Fine.cs", "RBCS201"), findings);
    }

    // A .reviewbot.yml 100,000 brackets deep ended `reviewbot review` with a stack overflow (exit 134); 10 MB of globs
    // took about 1 GB. Both now leave the defaults in force, say so, and the review goes on.
    [Theory]
    [InlineData("deep")]
    [InlineData("huge")]
    public async Task HostileConfiguration_DefaultsUsedWithNotice_TheChangeIsReviewed(string shape)
    {
        using var repo = new TempGitRepository();
        var config = shape == "deep"
            ? "exclude: " + Repeat("[", 100_000) + Repeat("]", 100_000) + "\n"
            : "exclude:\n" + Repeat("  - \"**/some-generated-folder/**/*.g.cs\"\n", 250_000);
        repo.Write(".reviewbot.yml", config).Write("README.md", "x\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("Fine.cs", "class Fine { void bad_name() { } void Use() => bad_name(); }\n")
            .Commit("change");

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--fail-on", "none");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(shape == "deep" ? "nested deeper than" : "over the limit of", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        var notice = Assert.Single(json.RootElement.GetProperty("notices").EnumerateArray());
        Assert.Equal("LimitExceeded", notice.GetProperty("kind").GetString());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("path").GetString(), f.GetProperty("ruleId").GetString())).ToList();
        Assert.Contains(("Fine.cs", "RBCS201"), findings);
    }
}
