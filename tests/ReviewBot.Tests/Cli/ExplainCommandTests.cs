using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli;

public sealed class ExplainCommandTests
{
    /// <summary>A repository laid out like Polly's: the language settings in eng/Common.props, imported by Directory.Build.props.</summary>
    private static TempGitRepository EngLayout()
    {
        var repo = new TempGitRepository();
        repo.Write("Directory.Build.props", "<Project>\n  <Import Project=\"$(MSBuildThisFileDirectory)eng/Common.props\" />\n</Project>\n")
            .Write("eng/Common.props", "<Project>\n  <PropertyGroup><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>\n  <ItemGroup><Using Include=\"Lib.Utils\" /></ItemGroup>\n</Project>\n")
            .Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup>\n  <ItemGroup><Using Remove=\"System.Net.Http\" /></ItemGroup>\n</Project>\n")
            .Write("src/Lib/Utils.cs", "namespace Lib.Utils;\n\npublic static class Guard\n{\n    public static T NotNull<T>(T value) => value;\n}\n")
            .Write("src/Lib/Retry.cs", "namespace Lib;\n\npublic static class Retry\n{\n    public static Task Wait(TimeSpan delay) => Task.Delay(Guard.NotNull(delay));\n}\n")
            .Write("src/Lib/Json.cs", "using Newtonsoft.Json;\n\nnamespace Lib;\n\npublic static class Json\n{\n    public static string Write(object value) => JsonConvert.SerializeObject(value);\n}\n")
            .Commit("layout");
        return repo;
    }

    [Fact]
    public async Task Explain_ShowsTheProjectContextAndWhereEachGlobalUsingCameFrom()
    {
        using var repo = EngLayout();

        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "src/Lib/Retry.cs");

        Assert.Equal((0, ""), (code, stderr));
        var lines = stdout.Split('\n');
        Assert.Contains("project: src/Lib/Lib.csproj (SDK Microsoft.NET.Sdk)", lines);
        Assert.Contains("imports: Directory.Build.props, eng/Common.props", lines);
        Assert.Contains("target framework: net8.0 (the newest .NET of netstandard2.0;net8.0)", lines);
        Assert.Contains("language version: C# 12.0 (the default for net8.0)", lines);
        Assert.Contains("nullable: enable", lines);
        Assert.Contains(lines, l => l.StartsWith("defines: ", StringComparison.Ordinal) && l.Split(' ').Contains("NET8_0_OR_GREATER") && l.Split(' ').Contains("DEBUG"));
        Assert.Contains(lines, l => l.Trim().StartsWith("System.Threading.Tasks ", StringComparison.Ordinal) && l.EndsWith("from Microsoft.NET.Sdk (implicit usings)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("Lib.Utils ", StringComparison.Ordinal) && l.EndsWith("from eng/Common.props", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Trim().StartsWith("System.Net.Http ", StringComparison.Ordinal));
        Assert.Contains("bound with: 2 other files of the project", lines);
        Assert.Contains("compile errors: none: the file binds, and every rule can see it", lines);
    }

    [Fact]
    public async Task Explain_ListsTheCompileErrorsAndTheNamesThatDidNotResolve()
    {
        using var repo = EngLayout();

        var (code, stdout, _) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "--ref", "main", "./src/Lib/Json.cs");

        Assert.Equal(0, code);
        Assert.Contains("compile errors (2): a rule stays silent only where a name that does not resolve could change its answer", stdout, StringComparison.Ordinal);
        Assert.Contains("  CS0246 on line 1: The type or namespace name 'Newtonsoft' could not be found", stdout, StringComparison.Ordinal);
        Assert.Contains("unresolved names: JsonConvert, Newtonsoft\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ListsTheFindingsLeftUndecided_WithTheRuleAndTheName()
    {
        using var repo = EngLayout();
        repo.Write("src/Lib/Widgets.cs", "using Acme.Widgets;\nusing System.Text;\n\nnamespace Lib;\n\npublic static class Widgets\n{\n    public static object Make()\n    {\n        var unused = 1;\n#if LEGACY\n        Log(unused);\n#endif\n        return new Widget();\n    }\n}\n")
            .Commit("widgets");

        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "src/Lib/Widgets.cs");

        Assert.Equal((0, ""), (code, stderr));
        var lines = stdout.Split('\n');
        Assert.Contains("undecided (2): findings not reported because a name the review cannot see could change the answer:", lines);
        Assert.Contains("  RBCS401 line 1: 'using Acme.Widgets;' may be used: nothing the review can see declares the namespace: it may be a missing package's", lines);
        Assert.Contains("  RBCS402 line 10: local 'unused' is spelled in an inactive #if region (line 12)", lines);
        // System.Text declares nothing named Widget: reported, so not undecided.
        Assert.DoesNotContain(lines, l => l.Contains("System.Text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_ListsTheReferencedProjects_TheTestFileBindsAgainst()
    {
        using var repo = EngLayout();
        repo.Write("test/Lib.Tests/Lib.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n  <ItemGroup><ProjectReference Include=\"..\\..\\src\\Lib\\Lib.csproj\" /></ItemGroup>\n</Project>\n")
            .Write("test/Lib.Tests/RetryTests.cs", "namespace Specs;\n\npublic sealed class RetryTests\n{\n    public Task Waits() => Lib.Retry.Wait(TimeSpan.Zero);\n}\n")
            .Commit("tests");

        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "test/Lib.Tests/RetryTests.cs");

        Assert.Equal((0, ""), (code, stderr));
        var lines = stdout.Split('\n');
        Assert.Contains("referenced projects (1), as context:", lines);
        Assert.Contains("  src/Lib/Lib.csproj (3 source files)", lines);
        Assert.Contains("compile errors: none: the file binds, and every rule can see it", lines);
    }

    [Fact]
    public async Task Explain_SaysWhichSettingTurnedWhichRuleOff_WithItsFileAndLine()
    {
        using var repo = EngLayout();
        repo.Write("src/.editorconfig", "# style\n[*.cs]\nindent_size = 4\ndotnet_diagnostic.IDE0005.severity = none\n\n[*Tests.cs]\ndotnet_diagnostic.IDE1006.severity = warning\n")
            .Write("src/Lib/Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <NoWarn>$(NoWarn);IDE0060</NoWarn>\n  </PropertyGroup>\n</Project>\n")
            .Commit("editorconfig");

        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "src/Lib/Retry.cs");

        Assert.Equal((0, ""), (code, stderr));
        var lines = stdout.Split('\n');
        Assert.Contains("rules the repository's settings change here:", lines);
        Assert.Contains("  RBCS401 (Unused using directive) off: dotnet_diagnostic.IDE0005.severity = none in src/.editorconfig line 4", lines);
        Assert.Contains(lines, l => l.StartsWith("  RBCS301 (Public API without XML documentation) off: GenerateDocumentationFile is not true", StringComparison.Ordinal));
        Assert.Contains("  RBCS404 (Unused parameter of a private method) off: NoWarn in src/Lib/Directory.Build.props line 3", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("  RBCS201", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("src/Lib/Missing.cs", "'src/Lib/Missing.cs' is not in HEAD")]
    [InlineData("eng/Common.props", "'eng/Common.props' is not a C# file")]
    public async Task Explain_BadInput_ExitsTwo_WithAOneLineMessage(string file, string message)
    {
        using var repo = EngLayout();

        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, file);

        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith("reviewbot explain: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Explain_UnknownRef_ExitsTwo()
    {
        using var repo = EngLayout();

        var (code, _, stderr) = await CliRunner.RunAsync("explain", "--repo", repo.Path, "--ref", "nope", "src/Lib/Retry.cs");

        Assert.Equal(2, code);
        Assert.Contains("--ref 'nope' is not a branch, tag or commit", stderr, StringComparison.Ordinal);
    }
}
