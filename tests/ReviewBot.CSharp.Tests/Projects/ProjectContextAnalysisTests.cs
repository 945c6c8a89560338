using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests.Projects;

/// <summary>The analyzer with the project context the static MSBuild reader gives it: files bind, and rules speak.</summary>
public sealed class ProjectContextAnalysisTests
{
    private static readonly Dictionary<string, string> PollyLikeLayout = new()
    {
        ["Directory.Build.props"] = """<Project><Import Project="$(MSBuildThisFileDirectory)eng/Library.props" /></Project>""",
        ["eng/Library.props"] = """<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup></Project>""",
        ["src/Lib/Lib.csproj"] = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks></PropertyGroup></Project>""",
    };

    [Fact]
    public void ImplicitUsingsFromAnImportedProps_BindTheFile_AndUnusedUsingsAreReported()
    {
        var (output, binding) = Verify.Bound("src/Lib/Retry.cs", """
            using System.Text;

            namespace Lib;

            public static class Retry
            {
                public static async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> action, TimeSpan delay, CancellationToken token)
                {
                    await Task.Delay(delay, token);
                    return await action(token);
                }
            }
            """, PollyLikeLayout);

        Assert.Equal(0, binding.ErrorCount);
        Assert.Contains(output.Findings, f => f.RuleId == "RBCS401" && f.StartLine == 1);
    }

    [Fact]
    public void WithoutTheImport_TheSameFileDoesNotBind_AndOnlyAUsingThatMayServeTheMissingNamesStaysSilent()
    {
        var layout = new Dictionary<string, string>(PollyLikeLayout) { ["Directory.Build.props"] = "<Project />" };
        var (output, binding) = Verify.Bound("src/Lib/Retry.cs", """
            using System.Text;
            using System.Threading.Tasks;

            namespace Lib;

            public static class Retry
            {
                public static Task Wait(TimeSpan delay) => Task.Delay(delay);
            }
            """, layout);

        // Without the implicit 'using System;' TimeSpan does not resolve. System.Threading.Tasks serves Task and stays;
        // System.Text declares nothing spelled TimeSpan and is reported.
        Assert.True(binding.ErrorCount > 0);
        var unused = Assert.Single(output.Findings, f => f.RuleId == "RBCS401");
        Assert.Equal(1, unused.StartLine);
    }

    [Fact]
    public void ConditionalRegions_OfTheChosenFramework_AreTheBoundOnes()
    {
        var (_, binding) = Verify.Bound("src/Lib/Clock.cs", """
            namespace Lib;

            public static class Clock
            {
            #if NET8_0_OR_GREATER
                public static long Now() => TimeProvider.System.GetTimestamp();
            #else
                public static long Now() => NotOnThisFramework.Ticks();
            #endif
            #if NET9_0_OR_GREATER
                public static long Later() => NotBeforeNet9.Ticks();
            #endif
            }
            """, PollyLikeLayout);

        Assert.Equal(0, binding.ErrorCount);
    }

    [Fact]
    public void AliasAndStaticUsingItems_Bind()
    {
        var (_, binding) = Verify.Bound("src/Lib/Sum.cs", """
            namespace Lib;

            public static class Sum
            {
                public static double Of(double x) => Abs(x) + Arr.Create(1).Length;
            }
            """, new()
        {
            ["src/Lib/Lib.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                  <ItemGroup>
                    <Using Include="System.Collections.Immutable.ImmutableArray" Alias="Arr" />
                    <Using Include="System.Math" Static="true" />
                  </ItemGroup>
                </Project>
                """,
        });

        Assert.Equal(0, binding.ErrorCount);
    }

    [Fact]
    public void ReaderProblems_AreNoticesOfTheReview_AndTheFileIsStillAnalyzed()
    {
        var layout = new Dictionary<string, string>(PollyLikeLayout)
        {
            ["Directory.Build.props"] = """<Project><Import Project="$(MSBuildThisFileDirectory)eng/Library.props" /><Import Project="../outside.props" /></Project>""",
        };
        var (output, binding) = Verify.Bound("src/Lib/Wait.cs", """
            using System.Text;

            namespace Lib;

            public static class Wait
            {
                public static Task For(TimeSpan delay) => Task.Delay(delay);
            }
            """, layout);

        var notice = Assert.Single(output.Notices);
        Assert.Equal((NoticeKind.Configuration, "Directory.Build.props"), (notice.Kind, notice.Path));
        Assert.Contains("outside the repository", notice.Message, StringComparison.Ordinal);
        Assert.Equal(0, binding.ErrorCount);
        Assert.Contains(output.Findings, f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void AnOlderLanguageVersion_ThanTheFileIsWrittenIn_DoesNotStopTheReview()
    {
        // netstandard2.0 defaults to C# 7.3; a LangVersion set somewhere the reader cannot see is the likelier truth.
        var (output, binding) = Verify.Bound("src/Lib/Point.cs", """
            namespace Lib;

            public record Point(int X, int Y);
            """, new()
        {
            ["src/Lib/Lib.csproj"] = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup></Project>""",
        });

        Assert.DoesNotContain(output.Notices, n => n.Kind == NoticeKind.ParseError);
        Assert.DoesNotContain("does not parse", binding.FirstError ?? "", StringComparison.Ordinal);
    }
}
