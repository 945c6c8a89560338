using System.Text.Json;
using ReviewBot.Engine.Reporting;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli;

public sealed class ReviewCommandTests
{
    private const string OldFile = """
        namespace Demo;

        public class Service
        {
            public void old_style() { }

            public void Run() { }
        }
        """;

    private const string NewFile = """
        using System.Text;

        namespace Demo;

        public class Service
        {
            public void old_style() { }

            public void Run() { }

            public void new_style() { }
        }
        """;

    /// <summary>main: Service.cs with an old snake_case method; feature: adds a using and a new snake_case method.</summary>
    private static TempGitRepository CSharpRepository()
    {
        var repo = new TempGitRepository();
        repo.Write("src/Service.cs", OldFile + "\n").Commit("base");
        repo.Checkout("feature", create: true).Write("src/Service.cs", NewFile + "\n").Commit("feature");
        return repo;
    }

    [Fact]
    public async Task Binding_PrintsEachChangedCSharpFileAndTheShare_OnStandardErrorOnly()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "demo\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("src/Bound.cs", "namespace Demo;\n\npublic class Bound\n{\n    public System.TimeSpan Wait => System.TimeSpan.Zero;\n}\n")
            .Write("src/Unbound.cs", "namespace Demo;\n\npublic class Unbound\n{\n    public Missing.Widget Part { get; } = new();\n}\n")
            .Write("tool.py", "import os\n")
            .Commit("feature");

        var plain = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json");
        var binding = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--binding");

        Assert.Equal(0, binding.ExitCode);
        Assert.Equal(plain.Stdout, binding.Stdout);
        Assert.DoesNotContain("binding:", plain.Stderr, StringComparison.Ordinal);
        var lines = binding.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "binding: src/Bound.cs: binds without errors",
                "binding: src/Unbound.cs: 1 error, the first CS0246 on line 5: The type or namespace name 'Missing' could not be found (are you missing a using directive or an assembly reference?)",
                "binding: 1 of 2 C# files bind without errors (50.0%)",
            ],
            lines);
    }

    [Fact]
    public async Task UnusedUsing_IsReported_WhenTheImplicitUsingsComeFromAnImportedEngProps()
    {
        // Polly's layout: without following Directory.Build.props into eng/, TimeSpan and Task do not resolve, the file
        // is in error, and the unused using goes unreported (as it did before the static MSBuild reader).
        using var repo = new TempGitRepository();
        repo.Write("Directory.Build.props", "<Project>\n  <Import Project=\"$(MSBuildThisFileDirectory)eng/Common.props\" />\n</Project>\n")
            .Write("eng/Common.props", "<Project>\n  <PropertyGroup><ImplicitUsings>enable</ImplicitUsings><LangVersion>latest</LangVersion></PropertyGroup>\n</Project>\n")
            .Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFrameworks>net8.0;net462</TargetFrameworks></PropertyGroup>\n</Project>\n")
            .Commit("base");
        repo.Checkout("feature", create: true)
            .Write("src/Lib/Delay.cs", "using System.Text;\n\nnamespace Lib;\n\n/// <summary>Waits.</summary>\npublic static class Delay\n{\n    /// <summary>Waits for <paramref name=\"time\"/>.</summary>\n    public static Task For(TimeSpan time) => Task.Delay(time);\n}\n")
            .Commit("feature");

        var (code, stdout, stderr) = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--binding");

        Assert.Equal(0, code);
        Assert.Contains("binding: src/Lib/Delay.cs: binds without errors", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("RBCS401", 1), (finding.GetProperty("ruleId").GetString(), finding.GetProperty("startLine").GetInt32()));
    }

    [Fact]
    public async Task TheRepositorysEditorConfig_SilencesAMirroredRuleInItsFolder_AndReviewbotYmlSeverityWinsOverIts()
    {
        using var repo = new TempGitRepository();
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n")
            .Write("src/Lib/Legacy/.editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = none\n")
            .Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.IDE0005.severity = warning\ndotnet_diagnostic.IDE1006.severity = error\n")
            .Write(".reviewbot.yml", "rules:\n  RBCS201: note\n")
            .Commit("base");
        const string Code = "using System.Text;\n\nnamespace Lib;\n\ninternal static class Clock\n{\n    internal static int now_ticks() => 0;\n}\n";
        repo.Checkout("feature", create: true)
            .Write("src/Lib/Legacy/Old.cs", Code)
            .Write("src/Lib/Current.cs", Code.Replace("Clock", "Timer", StringComparison.Ordinal))
            .Commit("feature");

        var (code, stdout, _) = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json");

        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("path").GetString()} {f.GetProperty("ruleId").GetString()} {f.GetProperty("severity").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            ["src/Lib/Current.cs RBCS201 note", "src/Lib/Current.cs RBCS401 warning", "src/Lib/Legacy/Old.cs RBCS201 note"],
            findings);
    }

    [Fact]
    public async Task ASecurityFindingInTestCode_IsAWarningNamedAsInTestCode_AndDoesNotFailTheReview_WhileTheSameLineInTheLibraryDoes()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "x\n").Commit("base");
        const string Code = "import ssl\n\n\ndef test_download():\n    context = ssl._create_unverified_context()\n    assert context\n";
        repo.Checkout("tests-only", create: true).Write("tests/test_download.py", Code).Commit("test");
        repo.Checkout("library", create: true).Write("app/download.py", Code.Replace("def test_download", "def download", StringComparison.Ordinal)).Commit("library");

        var inTests = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "tests-only", "--format", "markdown");
        var inLibrary = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "library", "--format", "markdown");

        Assert.Equal(0, inTests.ExitCode);
        Assert.StartsWith(
            "No security defects are detected outside test code; 1 security finding is in test code:\n\n1. The 'ssl._create_unverified_context' context accepts any certificate; use ssl.create_default_context() (in test code: tests/test_download.py, line 5).\n",
            inTests.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, inLibrary.ExitCode);
        Assert.StartsWith("2 security defects were detected in the code, 1 of them in test code:\n\n", inLibrary.Stdout, StringComparison.Ordinal);
        Assert.Contains("(app/download.py, line 5).", inLibrary.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddedMode_ReportsChangedLinesOnly_FileModeAlsoTheUntouchedLines()
    {
        using var repo = CSharpRepository();

        var added = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature");
        var file = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--filter", "file");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith(MarkdownSummary.NoSecurityDefects, added.Stdout, StringComparison.Ordinal);
        Assert.Contains("src/Service.cs:1:1: note [RBCS401]", added.Stdout, StringComparison.Ordinal);
        Assert.Contains("src/Service.cs:11:17: warning [RBCS201] Method 'new_style'", added.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("old_style", added.Stdout, StringComparison.Ordinal);
        Assert.Contains("src/Service.cs:7:17: warning [RBCS201] Method 'old_style'", file.Stdout, StringComparison.Ordinal);
        Assert.Contains("new_style", file.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadDefaultsToHead_AndBaseToTheRemoteDefaultBranch()
    {
        using var origin = CSharpRepository();
        origin.Checkout("main");
        var clone = Directory.CreateTempSubdirectory("reviewbot-clone-").FullName;
        try
        {
            TempGitRepository.Run(clone, $"clone -q \"{origin.Path}\" .");
            TempGitRepository.Run(clone, "checkout -q feature");

            var result = await CliRunner.RunAsync("review", "--repo", clone, "--format", "json");

            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.Equal(origin.Git("rev-parse feature").Trim(), json.RootElement.GetProperty("head").GetString());
            Assert.Equal(origin.Git("rev-parse main").Trim(), json.RootElement.GetProperty("base").GetString());
            var rules = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
            Assert.Contains("RBCS401", rules);
            Assert.Contains("RBCS201", rules);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigComesFromTheBase_NotFromTheChangeUnderReview()
    {
        using var repo = new TempGitRepository();
        repo.Write(".reviewbot.yml", "rules:\n  RBCS401: off\n").Write("a.cs", "class A {}\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write(".reviewbot.yml", "categories:\n  naming: off\n")
            .Write("a.cs", "using System.Text;\nclass A { void bad_name() {} }\n")
            .Commit("try to switch naming off");

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature");

        Assert.Contains("[RBCS201]", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[RBCS401]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigOption_Overrides_AndFailOnWarningExitsOne()
    {
        using var repo = CSharpRepository();
        var config = Path.Combine(repo.Path, "..", $"cfg-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(config, "fail_on: warning\nrules:\n  RBCS401: off\n");
        try
        {
            var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--config", config);

            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("[RBCS401]", result.Stdout, StringComparison.Ordinal);
            var none = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--config", config, "--fail-on", "none");
            Assert.Equal(0, none.ExitCode);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task CorruptRepositoryConfig_WarnsAndReviewsWithDefaults()
    {
        using var repo = new TempGitRepository();
        repo.Write(".reviewbot.yml", "filter: [unclosed\n").Write("a.cs", "class A {}\n").Commit("base");
        repo.Checkout("feature", create: true).Write("a.cs", "class A { void bad_name() {} }\n").Commit("feature");

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(".reviewbot.yml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("[RBCS201]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("**Notes on this review:**", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SarifToAFile_CarriesNoticesAndTheOtherFilesResults()
    {
        using var repo = new TempGitRepository();
        repo.Write("a.cs", "class A {}\n").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("a.cs", "class A { void bad_name() {} }\n")
            .Write("min.cs", "class M { " + new string(' ', 6000) + "}\n")
            .Commit("feature");
        var output = Path.Combine(repo.Path, "..", $"out-{Guid.NewGuid():N}.sarif");
        try
        {
            var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "sarif", "--output", output);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("", result.Stdout);
            using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var run = sarif.RootElement.GetProperty("runs")[0];
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "RBCS201");
            Assert.All(results, r => Assert.Equal("a.cs", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
            var notice = Assert.Single(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray());
            Assert.Contains("min.cs", notice.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Sarif_PythonParseFailure_IsANotice_OtherFilesStillReported()
    {
        using var repo = new TempGitRepository();
        repo.Write("app/__init__.py", "").Commit("base");
        repo.Checkout("feature", create: true)
            .Write("app/broken.py", "x = 1\ny = = 2\n")
            .Write("app/good.py", "import os\n\n\ndef f():\n    return 1\n")
            .Commit("feature");

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "sarif");

        Assert.Equal(0, result.ExitCode);
        using var sarif = JsonDocument.Parse(result.Stdout);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "RBPY401"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "app/good.py");
        var notice = Assert.Single(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("app/broken.py", notice.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, notice.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Theory]
    [InlineData("--repo", "/nonexistent/reviewbot", "--repo '/nonexistent/reviewbot' does not exist")]
    [InlineData("--base", "no-such-ref", "--base 'no-such-ref' is not a branch, tag or commit")]
    [InlineData("--head", "no-such-ref", "--head 'no-such-ref' is not a branch, tag or commit")]
    [InlineData("--format", "html", "--format 'html' is not a format")]
    [InlineData("--filter", "some", "--filter 'some' is not a filter mode")]
    [InlineData("--fail-on", "often", "--fail-on 'often' is not a level")]
    [InlineData("--bogus", "x", "Unknown option '--bogus'")]
    public async Task BadInput_ExitsTwo_WithAOneLineMessage(string option, string value, string message)
    {
        using var repo = CSharpRepository();
        var args = new List<string> { "review", "--repo", repo.Path, "--base", "main", "--head", "feature" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var result = await CliRunner.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotARepository_ExitsTwo()
    {
        var empty = Directory.CreateTempSubdirectory("reviewbot-empty-").FullName;
        try
        {
            var result = await CliRunner.RunAsync("review", "--repo", empty);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("is not inside a git repository", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task CorruptConfigOption_ExitsTwo()
    {
        using var repo = CSharpRepository();
        var config = Path.Combine(repo.Path, "..", $"bad-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(config, "rules: [a\n  b: : :\n");
        try
        {
            var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--config", config);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("not valid YAML", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("defaults are used", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Help_ListsEveryOption()
    {
        var top = await CliRunner.RunAsync("--help");
        var review = await CliRunner.RunAsync("review", "--help");

        Assert.Equal(0, top.ExitCode);
        Assert.Contains("review", top.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, review.ExitCode);
        foreach (var option in new[] { "--repo", "--base", "--head", "--format", "--filter", "--config", "--output", "--fail-on" })
        {
            Assert.Contains(option, review.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rules_ListsTheCatalogue_AndOneRulesDoc()
    {
        var list = await CliRunner.RunAsync("rules");
        var one = await CliRunner.RunAsync("rules", "RBCS201");
        var missing = await CliRunner.RunAsync("rules", "RBXX000");

        Assert.Contains("RBCS201", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("Why it matters:", one.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
    }
}
