using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests.Projects;

/// <summary>
/// A project's referenced projects and its <c>Compile</c> items as the review's context: a test project binds against
/// the project it tests, a removed file is not context, and hostile references are bounded.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Sdk = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>""";

    private static Dictionary<string, string> LibraryAndTests(string testProjectBody = """<ItemGroup><ProjectReference Include="..\..\src\Lib\Lib.csproj" /></ItemGroup>""") => new()
    {
        ["src/Lib/Lib.csproj"] = Sdk + "</Project>",
        ["src/Lib/Retry.cs"] = """
            namespace Lib;

            public sealed class RetryPolicy
            {
                public int Attempts { get; init; } = 3;

                internal int Backoff(int attempt) => attempt * 100;
            }
            """,
        ["test/Lib.Tests/Lib.Tests.csproj"] = Sdk + testProjectBody + "</Project>",
    };

    private const string TestFile = """
        using System.Text;
        using Lib;

        namespace Specs;

        public sealed class RetryPolicyTests
        {
            public int DefaultAttempts() => new RetryPolicy().Backoff(new RetryPolicy().Attempts);
        }
        """;

    [Fact]
    public void ATestProject_BindsAgainstTheProjectItReferences_AndItsUnusedUsingIsReported()
    {
        var (output, binding) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, LibraryAndTests());

        Assert.Null(binding.FirstError);
        var unused = Assert.Single(output.Findings, f => f.RuleId == "RBCS401");
        Assert.Equal(1, unused.StartLine);
    }

    [Fact]
    public void WithoutTheReference_TheTestFileDoesNotBind_YetOnlyTheUsingThatMayServeTheMissingNamesStaysSilent()
    {
        var (output, binding) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, LibraryAndTests(testProjectBody: ""));

        Assert.NotNull(binding.FirstError);
        // 'using Lib;' names a namespace nothing known declares: it may be where RetryPolicy lives. System.Text is known
        // and declares nothing spelled RetryPolicy, Backoff or Attempts.
        var unused = Assert.Single(output.Findings, f => f.RuleId == "RBCS401");
        Assert.Equal(1, unused.StartLine);
    }

    [Fact]
    public void AReferenceOfAReference_IsContextToo()
    {
        var repository = LibraryAndTests("""<ItemGroup><ProjectReference Include="..\Lib.TestUtils\Lib.TestUtils.csproj" /></ItemGroup>""");
        repository["test/Lib.TestUtils/Lib.TestUtils.csproj"] = Sdk + """<ItemGroup><ProjectReference Include="../../src/Lib/Lib.csproj" /></ItemGroup></Project>""";
        repository["test/Lib.TestUtils/Policies.cs"] = "namespace Lib.TestUtils; public static class Policies { public static Lib.RetryPolicy Once() => new() { Attempts = 1 }; }";

        var (output, binding) = Verify.Bound("test/Lib.Tests/PoliciesTests.cs", """
            using System.Text;
            using Lib.TestUtils;

            namespace Lib.Tests;

            public sealed class PoliciesTests
            {
                public Lib.RetryPolicy Once() => Policies.Once() is { Attempts: 1 } once ? once : new Lib.RetryPolicy();
            }
            """, repository);

        Assert.Null(binding.FirstError);
        Assert.Contains(output.Findings, f => f.RuleId == "RBCS401" && f.StartLine == 1);
    }

    [Fact]
    public void AFileRemovedFromCompile_IsNotContext()
    {
        var repository = new Dictionary<string, string>
        {
            ["src/App/App.csproj"] = Sdk + """<ItemGroup><Compile Remove="Legacy/**" /></ItemGroup></Project>""",
            ["src/App/Legacy/OldClock.cs"] = "namespace App; public static class OldClock { public static int Now() => 0; }",
        };

        var (_, binding) = Verify.Bound("src/App/Uses.cs", "namespace App; public static class Uses { public static int Now() => OldClock.Now(); }", repository);

        Assert.NotNull(binding.FirstError);
        Assert.Contains("OldClock", binding.FirstError);
    }

    [Fact]
    public void ALinkedFile_AndExplicitCompileItems_AreContext_WhenDefaultItemsAreOff()
    {
        var repository = new Dictionary<string, string>
        {
            ["src/App/App.csproj"] = Sdk + """
                <PropertyGroup><EnableDefaultCompileItems>false</EnableDefaultCompileItems></PropertyGroup>
                <ItemGroup><Compile Include="Uses.cs" /><Compile Include="..\Shared\Clock.cs" Link="Clock.cs" /></ItemGroup></Project>
                """,
            ["src/App/NotCompiled.cs"] = "namespace App; public static class Clock { }",
            ["src/Shared/Clock.cs"] = "namespace App; public static class Clock { public static int Now() => 0; }",
        };

        var (_, binding) = Verify.Bound("src/App/Uses.cs", "namespace App; public static class Uses { public static int Now() => Clock.Now(); }", repository);

        Assert.Null(binding.FirstError);
    }

    [Fact]
    public void AReferenceCycle_IsCut_WithANotice_AndTheFileStillBinds()
    {
        var repository = LibraryAndTests();
        repository["src/Lib/Lib.csproj"] = Sdk + """<ItemGroup><ProjectReference Include="..\..\test\Lib.Tests\Lib.Tests.csproj" /></ItemGroup></Project>""";

        var (output, binding) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, repository);

        Assert.Null(binding.FirstError);
        Assert.Contains(output.Notices, n => n.Kind == NoticeKind.Configuration && n.Message.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void AReferenceOutsideTheRepository_IsLeftOut_WithANotice()
    {
        var repository = LibraryAndTests("""<ItemGroup><ProjectReference Include="..\..\..\..\elsewhere\Secret.csproj" /><ProjectReference Include="/etc/Other.csproj" /></ItemGroup>""");

        var (output, _) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, repository);

        Assert.Contains(output.Notices, n => n.Message.Contains("outside the repository", StringComparison.Ordinal) && n.Message.Contains("Secret.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void AThousandReferencedProjects_AreBounded_WithOneNotice()
    {
        var repository = LibraryAndTests(
            "<ItemGroup>" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"""<ProjectReference Include="../P{i}/P{i}.csproj" />""")) + """<ProjectReference Include="..\..\src\Lib\Lib.csproj" /></ItemGroup>""");
        for (var i = 0; i < 1000; i++)
        {
            repository[$"test/P{i}/P{i}.csproj"] = Sdk + "</Project>";
            repository[$"test/P{i}/C{i}.cs"] = $"namespace P{i}; public static class C{i} {{ }}";
        }

        var (output, _) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, repository);

        var bounded = Assert.Single(output.Notices, n => n.Message.Contains("referenced C# projects", StringComparison.Ordinal));
        Assert.Contains($"reached {Analysis.ProjectCompilations.MaxReferencedProjects} referenced", bounded.Message, StringComparison.Ordinal);
    }
}
