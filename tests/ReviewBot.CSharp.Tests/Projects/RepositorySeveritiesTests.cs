using ReviewBot.CSharp.Projects;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests.Projects;

/// <summary>
/// The repository's own severities, read as the compiler reads them: <c>.editorconfig</c> (folder chain, <c>root</c>,
/// sections), <c>.globalconfig</c>, <c>NoWarn</c> and <c>GenerateDocumentationFile</c>, for the diagnostics our rules mirror
/// and for our own rule ids.
/// </summary>
public sealed class RepositorySeveritiesTests
{
    private const string Project = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""";

    private const string UnusedUsing = """
        using System.Text;

        namespace Lib;

        public static class Clock
        {
            public static int Now() => 0;
        }
        """;

    private static IReadOnlyList<Finding> Findings(string path, string code, Dictionary<string, string> repository)
    {
        var files = new Dictionary<string, string>(repository) { [path] = code };
        var output = new CSharpAnalyzer().Analyze(
            [new SourceFile(path, code)], new AnalysisContext { Repository = new InMemorySnapshot(files) }, CancellationToken.None);
        return output.Findings;
    }

    private static Dictionary<string, string> Repository(params (string Path, string Text)[] files)
    {
        var repository = new Dictionary<string, string> { ["src/Lib.csproj"] = Project };
        foreach (var (path, text) in files) repository[path] = text;
        return repository;
    }

    [Fact]
    public void AnEditorConfigSettingIde0005ToNone_SilencesTheUnusedUsingRule_InItsFolderOnly()
    {
        var repository = Repository(("src/Legacy/.editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = none\n"));

        Assert.DoesNotContain(Findings("src/Legacy/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
        Assert.Contains(Findings("src/Current/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void RootTrue_StopsTheChain()
    {
        var above = (".editorconfig", "root = true\n[*]\ndotnet_diagnostic.CS8019.severity = none\n");

        Assert.DoesNotContain(Findings("src/Clock.cs", UnusedUsing, Repository(above, ("src/.editorconfig", "[*.cs]\nindent_size = 4\n"))), f => f.RuleId == "RBCS401");
        Assert.Contains(Findings("src/Clock.cs", UnusedUsing, Repository(above, ("src/.editorconfig", "root = true\n[*.cs]\nindent_size = 4\n"))), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void ANearerFileAndALaterSection_Win()
    {
        var repository = Repository(
            (".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.IDE0005.severity = none\n"),
            ("src/.editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = suggestion\n[Generated/**.cs]\ndotnet_diagnostic.IDE0005.severity = silent\n"));

        var finding = Assert.Single(Findings("src/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
        Assert.Equal(Severity.Note, finding.Severity);
        Assert.DoesNotContain(Findings("src/Generated/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void ASectionNamingOneFile_AppliesToThatFileOnly_NotToItsNeighbours()
    {
        var repository = Repository(("src/.editorconfig", "[Legacy.cs]\ndotnet_diagnostic.IDE0005.severity = none\n"));
        var files = new Dictionary<string, string>(repository) { ["src/Legacy.cs"] = UnusedUsing, ["src/Current.cs"] = UnusedUsing.Replace("Clock", "Timer", StringComparison.Ordinal) };

        var output = new CSharpAnalyzer().Analyze(
            [new SourceFile("src/Legacy.cs", files["src/Legacy.cs"]), new SourceFile("src/Current.cs", files["src/Current.cs"])],
            new AnalysisContext { Repository = new InMemorySnapshot(files) },
            CancellationToken.None);

        Assert.Equal(["src/Current.cs"], output.Findings.Where(f => f.RuleId == "RBCS401").Select(f => f.Path));
    }

    [Fact]
    public void ASeverity_IsTheFindingsSeverity()
    {
        var repository = Repository((".editorconfig", "[*.{cs,vb}]\ndotnet_diagnostic.IDE0005.severity = error # enforced in CI\n"));

        Assert.Equal(Severity.Error, Assert.Single(Findings("src/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401").Severity);
    }

    [Fact]
    public void OurOwnRuleId_CanBeSetToo()
    {
        var repository = Repository((".editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = warning\ndotnet_diagnostic.RBCS401.severity = none\n"));

        Assert.DoesNotContain(Findings("src/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void AGlobalConfig_AppliesToTheProject_OnlyWhenItSaysItIsGlobal()
    {
        const string Setting = "dotnet_diagnostic.IDE0005.severity = none\n";

        Assert.DoesNotContain(Findings("src/Clock.cs", UnusedUsing, Repository((".globalconfig", "is_global = true\n" + Setting))), f => f.RuleId == "RBCS401");
        Assert.Contains(Findings("src/Clock.cs", UnusedUsing, Repository((".globalconfig", Setting))), f => f.RuleId == "RBCS401");
        var listed = Repository(("eng/Analyzers.ini", "is_global = true\n" + Setting));
        listed["src/Lib.csproj"] = Project.Replace("</Project>", """<ItemGroup><GlobalAnalyzerConfigFiles Include="..\eng\Analyzers.ini" /></ItemGroup></Project>""", StringComparison.Ordinal);
        Assert.DoesNotContain(Findings("src/Clock.cs", UnusedUsing, listed), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void AnEditorConfigSetting_WinsOverTheGlobalConfig()
    {
        var repository = Repository(
            (".globalconfig", "is_global = true\ndotnet_diagnostic.IDE0005.severity = none\n"),
            (".editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = warning\n"));

        Assert.Equal(Severity.Warning, Assert.Single(Findings("src/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401").Severity);
    }

    [Fact]
    public void NoWarn_SilencesWhatEverTheEditorConfigSays()
    {
        var repository = Repository((".editorconfig", "[*.cs]\ndotnet_diagnostic.IDE0005.severity = warning\n"));
        repository["Directory.Build.props"] = "<Project><PropertyGroup><NoWarn>$(NoWarn);IDE0005</NoWarn></PropertyGroup></Project>";

        Assert.DoesNotContain(Findings("src/Clock.cs", UnusedUsing, repository), f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void NoWarnOfCs1591_SilencesMissingDocumentation_InAProjectThatGeneratesIt()
    {
        const string Code = "namespace Lib;\n\npublic static class Clock\n{\n    public static int Now() => 0;\n}\n";
        var documented = Project.Replace("</PropertyGroup>", "<GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup>", StringComparison.Ordinal);

        Assert.Contains(Findings("src/Clock.cs", Code, new() { ["src/Lib.csproj"] = documented }), f => f.RuleId == "RBCS301");
        Assert.DoesNotContain(Findings("src/Clock.cs", Code, new() { ["src/Lib.csproj"] = documented.Replace("</PropertyGroup>", "<NoWarn>1591;1573</NoWarn></PropertyGroup>", StringComparison.Ordinal) }), f => f.RuleId == "RBCS301");
        Assert.DoesNotContain(Findings("src/Clock.cs", Code, new() { ["src/Lib.csproj"] = Project }), f => f.RuleId == "RBCS301");
    }

    [Fact]
    public void APragmaOfTheIdeCounterpart_SilencesTheRule()
    {
        Assert.DoesNotContain(
            Findings("src/Clock.cs", "#pragma warning disable IDE0005\n" + UnusedUsing, Repository()), f => f.RuleId == "RBCS401");
    }

    [Theory]
    [InlineData("*.cs", "", "src/deep/A.cs", true)]
    [InlineData("*.cs", "", "src/deep/A.csx", false)]
    [InlineData("src/*.cs", "", "src/A.cs", true)]
    [InlineData("src/*.cs", "", "src/deep/A.cs", false)]
    [InlineData("/src/**.cs", "", "src/deep/A.cs", true)]
    [InlineData("*.{cs,vb}", "", "A.vb", true)]
    [InlineData("*Tests.cs", "test", "test/x/OrderTests.cs", true)]
    [InlineData("*Tests.cs", "test", "src/OrderTests.cs", false)]
    [InlineData("File[0-9].cs", "", "File7.cs", true)]
    [InlineData("File[!0-9].cs", "", "File7.cs", false)]
    [InlineData("File{1..3}.cs", "", "File3.cs", true)]
    [InlineData("File{1..3}.cs", "", "File4.cs", false)]
    public void Globs_MatchAsTheCompilerMatchesThem(string glob, string folder, string path, bool matches)
    {
        var regex = AnalyzerConfig.Glob(glob, folder);

        Assert.NotNull(regex);
        Assert.Equal(matches, regex.IsMatch(path));
    }

    [Fact]
    public void HostileConfigs_AreReadWithoutHarm()
    {
        Assert.Null(AnalyzerConfig.Glob("*.{cs", ""));
        // A range whose width overflows an int is no range (its braces are then an alternation of one).
        Assert.DoesNotMatch(AnalyzerConfig.Glob("File{-2147483648..0}.cs", "")!, "File0.cs");
        var parsed = AnalyzerConfig.Parse(".editorconfig", "[" + new string('{', 400) + "]\nkey = value\n[" + new string('*', 5000) + "]\n" + new string('x', 10_000) + " = 1\n");
        Assert.All(parsed.Sections, s => Assert.Null(s.Glob));
        Assert.Empty(parsed.EntriesFor("src/A.cs"));
    }
}
