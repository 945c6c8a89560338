using ReviewBot.CSharp.Analysis;
using ReviewBot.CSharp.Projects;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests.Projects;

/// <summary>
/// The static MSBuild reader on layouts reproduced from real repositories: imported props, parent imports, targets,
/// central package versions, multi-targeting, SDK implicit usings, <c>&lt;Using&gt;</c> items, conditions, and the
/// files a hostile pull request could write.
/// </summary>
public sealed class ProjectEvaluatorTests
{
    private const string Project = "src/Lib/Lib.csproj";

    private static ProjectEvaluation Evaluate(Dictionary<string, string> files, string project = Project) =>
        ProjectEvaluator.Evaluate(new ProjectFiles(new InMemorySnapshot(files), 1024 * 1024), project);

    private static ProjectInfo Info(Dictionary<string, string> files, string project = Project) =>
        ProjectInfo.From(project[..project.LastIndexOf('/')], Evaluate(files, project));

    private static string Sdk(string body, string sdk = "Microsoft.NET.Sdk") => $"""<Project Sdk="{sdk}">{body}</Project>""";

    [Fact]
    public void ImportedEngProps_SupplyImplicitUsingsNullableAndUsingItems()
    {
        // Polly's layout: the root Directory.Build.props imports eng/*.props, where the language settings live.
        var info = Info(new()
        {
            ["Directory.Build.props"] = """<Project><Import Project="$(MSBuildThisFileDirectory)eng/Common.props" /></Project>""",
            ["eng/Common.props"] = """
                <Project>
                  <PropertyGroup><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable><LangVersion>latest</LangVersion></PropertyGroup>
                  <ItemGroup><Using Include="Lib.Utils" /></ItemGroup>
                </Project>
                """,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Equal(["src/Lib/Lib.csproj", "Directory.Build.props", "eng/Common.props"], info.Evaluation!.Imports);
        Assert.Contains(info.GlobalUsings, u => u.Name == "System.Threading.Tasks" && u.Origin == "Microsoft.NET.Sdk (implicit usings)");
        Assert.Contains(info.GlobalUsings, u => u.Name == "Lib.Utils" && u.Origin == "eng/Common.props");
        Assert.Equal(Microsoft.CodeAnalysis.NullableContextOptions.Enable, info.Nullable);
        Assert.Equal("LangVersion latest", info.LanguageVersionSource);
    }

    [Fact]
    public void DirectoryBuildProps_IsTheNearestOnly_UnlessItImportsItsParent()
    {
        var root = """<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""";
        var alone = Info(new()
        {
            ["Directory.Build.props"] = root,
            ["src/Directory.Build.props"] = """<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>""",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });
        Assert.Empty(alone.GlobalUsings);
        Assert.Equal(["src/Lib/Lib.csproj", "src/Directory.Build.props"], alone.Evaluation!.Imports);

        var chained = Info(new()
        {
            ["Directory.Build.props"] = root,
            ["src/Directory.Build.props"] = """
                <Project>
                  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
                  <PropertyGroup><Nullable>enable</Nullable></PropertyGroup>
                </Project>
                """,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });
        Assert.Equal(["src/Lib/Lib.csproj", "src/Directory.Build.props", "Directory.Build.props"], chained.Evaluation!.Imports);
        Assert.Contains(chained.GlobalUsings, u => u.Name == "System.Linq");
        Assert.Equal(Microsoft.CodeAnalysis.NullableContextOptions.Enable, chained.Nullable);
        Assert.Empty(chained.Evaluation.Notices);
    }

    [Fact]
    public void DirectoryBuildTargets_IsReadAfterTheProject_WithTheFrameworkInferred()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.targets"] = """
                <Project>
                  <PropertyGroup Condition="'$(TargetFrameworkIdentifier)' == '.NETCoreApp'"><Flavor>core</Flavor></PropertyGroup>
                  <ItemGroup Condition="'$(Flavor)' == 'core'"><Using Include="Lib.Core" /></ItemGroup>
                </Project>
                """,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net9.0</TargetFramework><Flavor>project</Flavor></PropertyGroup>"),
        });

        Assert.Equal("core", evaluation.Property("Flavor"));
        Assert.Equal("v9.0", evaluation.Property("TargetFrameworkVersion"));
        Assert.Contains(evaluation.ItemsOf("Using"), u => u.Identity == "Lib.Core" && u.DefinedIn == "Directory.Build.targets");
    }

    [Fact]
    public void CentralPackageVersions_AreRecordedFromDirectoryPackagesProps()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Packages.props"] = """
                <Project>
                  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
                    <PackageVersion Include="xunit"><Version>2.9.2</Version></PackageVersion>
                  </ItemGroup>
                </Project>
                """,
            [Project] = Sdk("""<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include="Newtonsoft.Json" /></ItemGroup>"""),
        });

        Assert.True(evaluation.IsTrue("ManagePackageVersionsCentrally"));
        Assert.Equal(
            [("Newtonsoft.Json", "13.0.3"), ("xunit", "2.9.2")],
            evaluation.ItemsOf("PackageVersion").Select(p => (p.Identity, p.Metadatum("Version"))).ToList());
        Assert.Equal(["Newtonsoft.Json"], evaluation.ItemsOf("PackageReference").Select(p => p.Identity));
    }

    [Fact]
    public void MultiTargeting_IsEvaluatedForTheNewestDotNet_WithItsImplicitDefines()
    {
        var info = Info(new()
        {
            [Project] = Sdk("""
                <PropertyGroup><TargetFrameworks>net462;netstandard2.0;net8.0;net6.0</TargetFrameworks></PropertyGroup>
                <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'"><DefineConstants>$(DefineConstants);MODERN</DefineConstants></PropertyGroup>
                <ItemGroup Condition="$(TargetFramework.StartsWith('net4'))"><Using Include="Legacy.Shims" /></ItemGroup>
                """),
        });

        Assert.Equal("net8.0", info.TargetFramework);
        Assert.Equal(["net462", "netstandard2.0", "net8.0", "net6.0"], info.Evaluation!.TargetFrameworks);
        foreach (var symbol in new[] { "NET", "NET8_0", "NET8_0_OR_GREATER", "NET5_0_OR_GREATER", "NETCOREAPP", "NETCOREAPP3_1_OR_GREATER", "DEBUG", "TRACE", "MODERN" })
        {
            Assert.Contains(symbol, info.Defines);
        }

        Assert.DoesNotContain("NET9_0_OR_GREATER", info.Defines);
        Assert.DoesNotContain(info.GlobalUsings, u => u.Name == "Legacy.Shims");
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12, info.LanguageVersion);
    }

    [Fact]
    public void WebSdk_AddsItsImplicitUsings_AndBuildsAnExecutable()
    {
        var info = Info(new()
        {
            [Project] = Sdk("<PropertyGroup><TargetFramework>net9.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>", "Microsoft.NET.Sdk.Web"),
        });

        Assert.Contains(info.GlobalUsings, u => u.Name == "Microsoft.AspNetCore.Builder" && u.Origin == "Microsoft.NET.Sdk.Web (implicit usings)");
        Assert.Contains(info.GlobalUsings, u => u.Name == "System.Net.Http.Json");
        Assert.True(info.IsExecutable);
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk", "System.Net.Http", "Microsoft.Extensions.Hosting")]
    [InlineData("Microsoft.NET.Sdk.Worker", "Microsoft.Extensions.Hosting", "Microsoft.AspNetCore.Http")]
    [InlineData("Microsoft.NET.Sdk.Razor", "System.Linq", "Microsoft.AspNetCore.Http")]
    [InlineData("Microsoft.NET.Sdk.BlazorWebAssembly", "Microsoft.AspNetCore.Components.WebAssembly.Hosting", "Microsoft.AspNetCore.Routing")]
    [InlineData("MSTest.Sdk/3.6.1", "Microsoft.VisualStudio.TestTools.UnitTesting", "Microsoft.AspNetCore.Http")]
    [InlineData("Some.Unknown.Sdk/1.0.0", "System.Threading.Tasks", "Microsoft.Extensions.Hosting")]
    public void EachKnownSdk_AddsItsOwnImplicitUsings(string sdk, string expected, string absent)
    {
        var info = Info(new()
        {
            [Project] = Sdk("<PropertyGroup><TargetFramework>net9.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>", sdk),
        });

        Assert.Contains(info.GlobalUsings, u => u.Name == expected);
        Assert.DoesNotContain(info.GlobalUsings, u => u.Name == absent);
        Assert.Equal(sdk.StartsWith("MSTest", StringComparison.Ordinal), info.IsTestProject);
    }

    [Fact]
    public void AspireAppHost_AsAnSdkElement_AddsItsUsingsBesideTheBaseSdks()
    {
        var info = Info(new()
        {
            [Project] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <Sdk Name="Aspire.AppHost.Sdk" Version="9.0.0" />
                  <PropertyGroup><TargetFramework>net9.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                </Project>
                """,
        });

        Assert.Contains(info.GlobalUsings, u => u.Name == "Aspire.Hosting");
        Assert.Contains(info.GlobalUsings, u => u.Name == "System.Linq");
        Assert.True(info.IsExecutable);
    }

    [Fact]
    public void ParentImport_ByGetDirectoryNameOfFileAbove_IsFollowed()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """<Project><PropertyGroup><Root>yes</Root></PropertyGroup></Project>""",
            ["src/Directory.Build.props"] = """
                <Project>
                  <Import Project="$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Directory.Build.props))\Directory.Build.props" />
                </Project>
                """,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Equal("yes", evaluation.Property("Root"));
        Assert.Empty(evaluation.Notices);
    }

    [Fact]
    public void UsingItems_RemoveAliasAndStatic_BecomeTheGeneratedGlobalUsings()
    {
        var info = Info(new()
        {
            [Project] = Sdk("""
                <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                <ItemGroup>
                  <Using Remove="System.Net.Http" />
                  <Using Include="System.Collections.Immutable.ImmutableArray" Alias="Arr" />
                  <Using Include="System.Math" Static="true" />
                </ItemGroup>
                """),
        });

        Assert.DoesNotContain(info.GlobalUsings, u => u.Name == "System.Net.Http");
        var source = ProjectLayout.GlobalUsingsSource(info)!;
        Assert.Contains("global using global::System.Linq;\n", source, StringComparison.Ordinal);
        Assert.Contains("global using Arr = global::System.Collections.Immutable.ImmutableArray;\n", source, StringComparison.Ordinal);
        Assert.Contains("global using static global::System.Math;\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void UsingRemove_InDirectoryBuildProps_IsIgnored_AsMSBuildIgnoresIt()
    {
        // The SDK adds its implicit usings after Directory.Build.props (dotnet/sdk#22515): a Remove there comes too early.
        var info = Info(new()
        {
            ["Directory.Build.props"] = """<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup><ItemGroup><Using Remove="System.Net.Http" /></ItemGroup></Project>""",
            ["Directory.Build.targets"] = """<Project><ItemGroup><Using Remove="System.IO" /></ItemGroup></Project>""",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Contains(info.GlobalUsings, u => u.Name == "System.Net.Http");
        Assert.DoesNotContain(info.GlobalUsings, u => u.Name == "System.IO");
    }

    [Fact]
    public void WpfProjects_DropSystemIOAndNetHttp_FromTheImplicitUsings()
    {
        var info = Info(new()
        {
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0-windows</TargetFramework><UseWPF>true</UseWPF><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>"),
        });

        Assert.Equal(["System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks"], info.GlobalUsings.Select(u => u.Name));
        Assert.Contains("WINDOWS", info.Defines);
    }

    [Fact]
    public void ImportCycle_IsANotice_AndBothFilesAreRead()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """<Project><Import Project="eng/a.props" /></Project>""",
            ["eng/a.props"] = """<Project><PropertyGroup><A>1</A></PropertyGroup><Import Project="b.props" /></Project>""",
            ["eng/b.props"] = """<Project><PropertyGroup><B>2</B></PropertyGroup><Import Project="a.props" /></Project>""",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        var notice = Assert.Single(evaluation.Notices);
        Assert.Equal("eng/b.props", notice.Path);
        Assert.Contains("cycle (eng/a.props -> eng/b.props -> eng/a.props)", notice.Message, StringComparison.Ordinal);
        Assert.Equal(("1", "2"), (evaluation.Property("A"), evaluation.Property("B")));
    }

    [Fact]
    public void ImportOutsideTheRepository_IsANotice_WhileTheToolsetsOwnImportsAreNot()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """
                <Project>
                  <Import Project="../../../../etc/shared.props" />
                  <Import Project="C:\build\shared.props" />
                  <Import Project="$(MSBuildExtensionsPath)/Microsoft/VisualStudio/v17.0/WebApplications/Microsoft.WebApplication.targets" />
                  <PropertyGroup><Read>yes</Read></PropertyGroup>
                </Project>
                """,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Equal(2, evaluation.Notices.Count);
        Assert.All(evaluation.Notices, n => Assert.Contains("outside the repository", n.Message, StringComparison.Ordinal));
        Assert.Equal("yes", evaluation.Property("Read"));
    }

    [Fact]
    public void PropsWithADtdEntityBomb_IsRefused_AndTheRestIsRead()
    {
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"""  <!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};">"""));
        var bomb = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Project [
              <!ENTITY e0 "ha">
            {entities}
            ]>
            <Project><PropertyGroup><Boom>&e9;</Boom></PropertyGroup></Project>
            """;
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """<Project><Import Project="eng/bomb.props" /><PropertyGroup><After>read</After></PropertyGroup></Project>""",
            ["eng/bomb.props"] = bomb,
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        var notice = Assert.Single(evaluation.Notices);
        Assert.Equal("eng/bomb.props", notice.Path);
        Assert.Contains("DTD", notice.Message, StringComparison.Ordinal);
        Assert.Null(evaluation.Property("Boom"));
        Assert.Equal("read", evaluation.Property("After"));
    }

    [Fact]
    public void UnknownFunction_MakesItsConditionUnknown_AndTheSdkDefaultStands()
    {
        var evaluation = Evaluate(new()
        {
            [Project] = Sdk("""
                <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                <PropertyGroup Condition="$([System.Environment]::GetEnvironmentVariable('HOME')) != ''"><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                <PropertyGroup><Home>$(HOME)</Home></PropertyGroup>
                """),
        });

        Assert.Null(evaluation.Property("ImplicitUsings"));
        Assert.Empty(evaluation.ItemsOf("Using"));
        Assert.Contains(evaluation.Unevaluated, u => u.Contains("GetEnvironmentVariable", StringComparison.Ordinal));
        Assert.Equal("", evaluation.Property("Home"));
    }

    [Fact]
    public void Exists_OnAnImport_IsRelativeToTheImportingFile_ElsewhereToTheProject()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """
                <Project>
                  <Import Project="eng/extra.props" Condition="Exists('eng/extra.props')" />
                  <PropertyGroup Condition="Exists('Lib.csproj')"><NextToProject>yes</NextToProject></PropertyGroup>
                </Project>
                """,
            ["eng/extra.props"] = """<Project><PropertyGroup><Extra>yes</Extra></PropertyGroup></Project>""",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Equal(("yes", "yes"), (evaluation.Property("Extra"), evaluation.Property("NextToProject")));
    }

    [Fact]
    public void Choose_TakesTheFirstWhenThatHolds_ElseOtherwise()
    {
        var evaluation = Evaluate(new()
        {
            [Project] = Sdk("""
                <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                <Choose>
                  <When Condition="'$(TargetFramework)' == 'net462'"><PropertyGroup><Branch>framework</Branch></PropertyGroup></When>
                  <When Condition="$(TargetFramework.StartsWith('net8'))">
                    <PropertyGroup><Branch>net8</Branch></PropertyGroup>
                    <ItemGroup><Using Include="Lib.Modern" /></ItemGroup>
                  </When>
                  <When Condition="'$(TargetFramework)' != ''"><PropertyGroup><Branch>any</Branch></PropertyGroup></When>
                  <Otherwise><PropertyGroup><Branch>none</Branch></PropertyGroup></Otherwise>
                </Choose>
                """),
        });

        Assert.Equal("net8", evaluation.Property("Branch"));
        Assert.Equal(["Lib.Modern"], evaluation.ItemsOf("Using").Select(u => u.Identity));
    }

    [Fact]
    public void ImportsByWildcard_AreReadInPathOrder()
    {
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = """<Project><Import Project="$(MSBuildThisFileDirectory)eng/*.props" /></Project>""",
            ["eng/b.props"] = """<Project><PropertyGroup><Order>$(Order)b</Order></PropertyGroup></Project>""",
            ["eng/a.props"] = """<Project><PropertyGroup><Order>$(Order)a</Order></PropertyGroup></Project>""",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Equal("ab", evaluation.Property("Order"));
    }

    [Theory]
    [InlineData("'$(TargetFramework)' == 'net8.0'", true)]
    [InlineData("'$(TargetFramework)' != 'NET8.0'", false)]
    [InlineData("'$(Missing)' == '' and !('$(TargetFramework)' == 'net6.0' or false)", true)]
    [InlineData("$(TargetFramework.Contains('-windows'))", false)]
    [InlineData("$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'netstandard2.0'))", true)]
    [InlineData("$([MSBuild]::VersionGreaterThanOrEquals($([MSBuild]::GetTargetFrameworkVersion('$(TargetFramework)')), '6.0'))", true)]
    [InlineData("'$(TargetFramework.Replace(\"net\", \"x\").Trim())' == 'x8.0'", true)]
    [InlineData("Exists('$(MSBuildThisFileDirectory)../Other/Other.csproj') and HasTrailingSlash('$(MSBuildThisFileDirectory)')", true)]
    [InlineData("Exists('nope.props')", false)]
    [InlineData("'@(Compile)' != ''", null)]
    [InlineData("'$(TargetFramework)' ==", null)]
    public void Conditions_OfTheFormsRealFilesUse(string condition, bool? expected)
    {
        var evaluation = Evaluate(new()
        {
            ["src/Other/Other.csproj"] = Sdk(""),
            [Project] = Sdk($"""<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><PropertyGroup Condition="{System.Security.SecurityElement.Escape(condition)}"><Hit>yes</Hit></PropertyGroup>"""),
        });

        Assert.Equal(expected == true ? "yes" : null, evaluation.Property("Hit"));
        Assert.Equal(expected is null, evaluation.Unevaluated.Any());
    }

    [Fact]
    public void ExponentialProperties_AreBounded_NotExpandedForever()
    {
        var doubling = string.Concat(Enumerable.Range(0, 40).Select(_ => "<P>$(P)$(P)</P>"));
        var evaluation = Evaluate(new()
        {
            [Project] = Sdk($"<PropertyGroup><P>x</P>{doubling}<TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.True(evaluation.Property("P")!.Length <= PropertyExpander.MaxLength);
        Assert.Equal("net8.0", evaluation.Property("TargetFramework"));
    }

    [Fact]
    public void AReplacementThatWouldMultiplyAValue_IsRefusedBeforeItIsBuilt()
    {
        var evaluation = Evaluate(new()
        {
            [Project] = Sdk($"""
                <PropertyGroup>
                  <TargetFramework>net8.0</TargetFramework>
                  <Big>{new string('b', 60_000)}</Big>
                  <P>{new string('a', 60_000)}</P>
                  <P>$(P.Replace('a', '$(Big)'))</P>
                </PropertyGroup>
                """),
        });

        Assert.Equal(60_000, evaluation.Property("P")!.Length);
        Assert.Contains(evaluation.Unevaluated, u => u.Contains("<P>", StringComparison.Ordinal) && u.Contains("64 KB", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportElements_AreBounded_SoWildcardsCannotListTheRepositoryWithoutEnd()
    {
        var imports = string.Concat(Enumerable.Range(0, ProjectEvaluator.MaxImportElements + 50).Select(i => $"""<Import Project="eng/**/x{i}*.props" />"""));
        var evaluation = Evaluate(new()
        {
            ["Directory.Build.props"] = $"<Project>{imports}</Project>",
            [Project] = Sdk("<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"),
        });

        Assert.Contains(evaluation.Notices, n => n.Message.Contains($"more than {ProjectEvaluator.MaxImportElements} imports", StringComparison.Ordinal));
        Assert.Equal("net8.0", evaluation.Property("TargetFramework"));
    }

    [Fact]
    public void CompileItems_AreTheSdkGlob_WithoutBuildOutputDotFoldersOrNestedProjects_ThenTheProjectsOwnEdits()
    {
        var info = Info(new()
        {
            [Project] = Sdk("""
                <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                <ItemGroup>
                  <Compile Remove="Legacy\**" />
                  <Compile Include="..\Shared\*.cs" Exclude="..\Shared\Skip.cs" />
                  <Compile Include="..\..\..\outside\Secret.cs" />
                </ItemGroup>
                """),
            ["src/Lib/A.cs"] = "",
            ["src/Lib/Deep/B.cs"] = "",
            ["src/Lib/bin/Debug/C.cs"] = "",
            ["src/Lib/obj/D.cs"] = "",
            ["src/Lib/.vs/E.cs"] = "",
            ["src/Lib/Legacy/F.cs"] = "",
            ["src/Lib/Tests/Lib.Tests.csproj"] = Sdk(""),
            ["src/Lib/Tests/G.cs"] = "",
            ["src/Shared/Linked.cs"] = "",
            ["src/Shared/Skip.cs"] = "",
        });

        Assert.Equal(["src/Lib/A.cs", "src/Lib/Deep/B.cs", "src/Shared/Linked.cs"], info.CompileFiles);
        Assert.Contains(info.Evaluation!.Notices, n => n.Message.Contains("'..\\..\\..\\outside\\Secret.cs', which is outside the repository", StringComparison.Ordinal));
    }

    [Fact]
    public void ProjectReferences_AreRepositoryPaths_AndOnlyCSharpProjects()
    {
        var info = Info(new()
        {
            [Project] = Sdk("""<ItemGroup><ProjectReference Include="..\Core\Core.csproj;../Fs/Fs.fsproj" /><ProjectReference Include="$(MSBuildThisFileDirectory)../Other/Other.csproj" /></ItemGroup>"""),
        });

        Assert.Equal(["src/Core/Core.csproj", "src/Other/Other.csproj"], info.ProjectReferences);
    }

    [Fact]
    public void FileItemWildcardsAndRemoves_AreBounded()
    {
        var removes = string.Concat(Enumerable.Range(0, ProjectEvaluator.MaxFileItemOperations + 200).Select(i => $"""<Compile Remove="**/x{i}*.cs" />"""));
        var files = new Dictionary<string, string> { [Project] = Sdk($"<ItemGroup>{removes}</ItemGroup>") };
        for (var i = 0; i < 2000; i++) files[$"src/Lib/F{i}.cs"] = "";

        var evaluation = Evaluate(files);

        Assert.Contains(evaluation.Notices, n => n.Message.Contains($"more than {ProjectEvaluator.MaxFileItemOperations:N0} wildcards", StringComparison.Ordinal));
        Assert.Equal(2000, evaluation.ItemsOf("Compile").Count());
    }
}
