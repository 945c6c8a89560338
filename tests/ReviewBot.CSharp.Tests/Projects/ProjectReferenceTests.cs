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

    [Theory]
    // The project names other friends (the SDK's item, or a repository's own that a build target turns into it): the
    // test project has no grant, and its override of a protected internal member says protected, as it must then.
    [InlineData("""<ItemGroup><InternalsVisibleTo Include="Lib.Benchmarks" /></ItemGroup>""", true)]
    [InlineData("""<ItemGroup><InternalsVisibleToProject Include="Lib.Benchmarks" /></ItemGroup>""", true)]
    // It names the test project, or nobody (a target the reader does not run may): the grant, and the override must say
    // protected internal.
    [InlineData("""<ItemGroup><InternalsVisibleTo Include="Lib.Tests" /></ItemGroup>""", false)]
    [InlineData("", false)]
    public void AProjectThatNamesItsFriends_GrantsInternalAccessToThoseOnly(string libraryItems, bool overrideSaysProtected)
    {
        var repository = LibraryAndTests();
        repository["src/Lib/Lib.csproj"] = Sdk + libraryItems + "</Project>";
        repository["src/Lib/Strategy.cs"] = "namespace Lib; public abstract class Strategy { protected internal abstract int Run(); }";

        var (_, binding) = Verify.Bound("test/Lib.Tests/Fixed.cs", $$"""
            namespace Lib.Tests;

            public sealed class Fixed : Lib.Strategy
            {
                {{(overrideSaysProtected ? "protected" : "protected internal")}} override int Run() => 1;
            }
            """, repository);

        Assert.Null(binding.FirstError);
    }

    [Fact]
    public void AGrantToAFriendWithAPublicKey_ReachesTheTestProject_AsTheSignedBuildsDo()
    {
        // A real public key (Castle's, which Polly grants DynamicProxyGenAssembly2): public data, as in any repository.
        const string PublicKey = "0024000004800000940000000602000000240000525341310004000001000100c547cac37abd99c8db225ef2f6c8a3602f3b3606cc9891605d02baa56104f4cfc0734aa39b93bf7852f7d9266654753cc297e7d2edfe0bac1cdcf9f717241550e0a7b191195b7667bb4f64bcb8e2121380fd1d9d46ad2d92d2d15605093924cceaf74c4861eff62abf69b9291ed0a340e113be11e6a7d3113e92484cf7045cc7";
        var repository = LibraryAndTests();
        repository["src/Lib/Properties/AssemblyInfo.cs"] = $$"""[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Lib.Tests, PublicKey={{PublicKey}}")]""";

        var (_, binding) = Verify.Bound("test/Lib.Tests/RetryPolicyTests.cs", TestFile, repository);

        Assert.Null(binding.FirstError);
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
