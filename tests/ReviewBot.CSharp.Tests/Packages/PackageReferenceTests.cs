using System.IO.Compression;
using System.Security.Cryptography;
using ReviewBot.CSharp.Packages;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests.Packages;

/// <summary>
/// Package references read as metadata, against a folder feed the test builds: a file using a package's types binds,
/// and rules speak on it; what a package carries besides reference assemblies is never read; and every way resolution
/// can fail (feed down, missing package, too many references, too large a package) is a notice, never a failed review.
/// </summary>
public sealed class PackageReferenceTests : IDisposable
{
    private const string WidgetsSource = """
        namespace Acme.Widgets
        {
            public sealed class Widget
            {
                public Widget(string name) { Name = name; }
                public string Name { get; }
                public int Size => Name.Length;
            }
        }

        namespace Acme.Widgets.Extras
        {
            public static class Gadget
            {
                public static int Twice(int value) => value * 2;
            }
        }
        """;

    private const string ShopFile = """
        using Acme.Widgets;
        using Acme.Widgets.Extras;

        namespace Shop;

        public sealed class Store
        {
            public Widget Make(string name) => new Widget(name);

            public int SizeOf(Widget widget) => widget.Size;
        }
        """;

    private readonly LocalFeed _feed = new();

    public void Dispose() => _feed.Dispose();

    private static Dictionary<string, string> Project(string references) => new()
    {
        ["src/Shop/Shop.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>{references}</ItemGroup>
            </Project>
            """,
    };

    private void AddWidgets(string version = "1.2.0")
    {
        // The implementation assembly in lib/ lacks the type the reference assembly declares: only ref/ may be read.
        _feed.Add("Acme.Widgets", version, [
            ("ref/net8.0/Acme.Widgets.dll", LocalFeed.Compile("Acme.Widgets", WidgetsSource)),
            ("lib/net8.0/Acme.Widgets.dll", LocalFeed.Compile("Acme.Widgets", "namespace Acme.Widgets { public sealed class OnlyInLib { } }")),
        ]);
    }

    private static (AnalyzerOutput Output, FileBinding Binding) Review(PackageResolver? packages, Dictionary<string, string> repository, string path = "src/Shop/Store.cs", string code = ShopFile)
    {
        var binding = new BindingLog();
        var files = new Dictionary<string, string>(repository) { [path] = code };
        var context = new AnalysisContext { Repository = new InMemorySnapshot(files), Binding = binding };
        var output = new CSharpAnalyzer(packages).Analyze([new SourceFile(path, code)], context, CancellationToken.None);
        return (output, Assert.Single(binding.Files));
    }

    [Fact]
    public void AFileUsingAPackagesTypes_Binds_AndAnUnusedUsingOfThePackagesNamespace_IsReported()
    {
        AddWidgets();
        var (output, binding) = Review(new PackageResolver(_feed.Settings), Project("""<PackageReference Include="Acme.Widgets" Version="1.2.0" />"""));

        Assert.Equal(0, binding.ErrorCount);
        Assert.Empty(output.Notices);
        var unused = Assert.Single(output.Findings, f => f.RuleId == "RBCS401");
        Assert.Equal(2, unused.StartLine);
    }

    [Fact]
    public void WithoutPackages_TheSameFileDoesNotBind_AndTheUsingStaysUndecided()
    {
        AddWidgets();
        var (output, binding) = Review(null, Project("""<PackageReference Include="Acme.Widgets" Version="1.2.0" />"""));

        Assert.True(binding.ErrorCount > 0);
        Assert.DoesNotContain(output.Findings, f => f.RuleId == "RBCS401");
    }

    [Fact]
    public void CentralPackageManagement_GivesTheVersion_AndTheLowestVersionInTheRangeIsTaken()
    {
        AddWidgets("1.2.0");
        AddWidgets("1.3.0");
        var repository = Project("""<PackageReference Include="Acme.Widgets" />""");
        repository["Directory.Packages.props"] = """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Acme.Widgets" Version="[1.1.0, 2.0.0)" /></ItemGroup>
            </Project>
            """;

        var explanation = CSharpExplainer.Explain(new InMemorySnapshot(new Dictionary<string, string>(repository) { ["src/Shop/Store.cs"] = ShopFile }), "src/Shop/Store.cs", FileLimits.Default, CancellationToken.None, new PackageResolver(_feed.Settings));

        var package = Assert.Single(explanation.Packages);
        Assert.Equal(("Acme.Widgets", "1.2.0"), (package.Id, package.Version));
        Assert.Equal(["Acme.Widgets.dll"], package.Assemblies);
        Assert.Empty(explanation.Errors);
    }

    [Fact]
    public void APackageWithAnAnalyzerAndBuildLogic_IsResolved_ButOnlyItsReferenceAssemblyIsEverRead()
    {
        var analyzer = LocalFeed.Compile("Acme.Analyzed.Analyzer", "namespace Acme.Analyzed.Analyzer { public sealed class Loaded { } }");
        _feed.Add("Acme.Analyzed", "2.0.0", [
            ("ref/net8.0/Acme.Analyzed.dll", LocalFeed.Compile("Acme.Analyzed", "namespace Acme.Analyzed { public sealed class Thing { } }")),
            ("analyzers/dotnet/cs/Acme.Analyzed.Analyzer.dll", analyzer),
            ("build/Acme.Analyzed.targets", "<Project><Target Name='Evil' BeforeTargets='Build'><Exec Command='touch /tmp/owned' /></Target></Project>"u8.ToArray()),
            ("tools/install.ps1", "Write-Host owned"u8.ToArray()),
        ]);

        var resolution = new PackageResolver(_feed.Settings).Resolve([new PackageRequest("Acme.Analyzed", "2.0.0")], "net8.0", CancellationToken.None);

        var package = Assert.Single(resolution.Resolved);
        Assert.Equal(["Acme.Analyzed.dll"], package.Assemblies);
        var reference = Assert.Single(resolution.References);
        Assert.EndsWith(".dll", reference.Display);
        // Nothing of the analyzer was stored, and no assembly of that name is in this process.
        var analyzerHash = Convert.ToHexStringLower(SHA256.HashData(analyzer));
        Assert.DoesNotContain(Directory.EnumerateFiles(_feed.Cache, "*", SearchOption.AllDirectories), f => f.Contains(analyzerHash, StringComparison.Ordinal));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_feed.Cache, "blobs"), "*.dll", SearchOption.AllDirectories));
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name is "Acme.Analyzed.Analyzer" or "Acme.Analyzed");
    }

    [Fact]
    public void ANetStandardProject_GetsAPackagesDotNetAssets_WhoseTypesDoNotClashWithTheFrameworksOwn()
    {
        // A polyfill: its netstandard2.0 build declares a type .NET has; its .NET build does not.
        _feed.Add("Acme.Polyfill", "1.0.0", [
            ("lib/netstandard2.0/Acme.Polyfill.dll", LocalFeed.Compile("Acme.Polyfill", "namespace System { public interface IAsyncDisposable { } } namespace Acme.Polyfill { public static class Marker { } }")),
            ("lib/net8.0/Acme.Polyfill.dll", LocalFeed.Compile("Acme.Polyfill", "namespace Acme.Polyfill { public static class Marker { } }")),
        ]);
        var repository = new Dictionary<string, string>
        {
            ["src/Shop/Shop.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageReference Include="Acme.Polyfill" Version="1.0.0" /></ItemGroup>
                </Project>
                """,
        };

        var (_, binding) = Review(new PackageResolver(_feed.Settings), repository, code: "namespace Shop { public sealed class Closer { public System.IAsyncDisposable Resource { get; set; } public System.Type Marker => typeof(Acme.Polyfill.Marker); } }");

        Assert.Null(binding.FirstError);
    }

    [Fact]
    public void AWebProject_BindsAgainstASPNETCoresTargetingPack_OfItsFrameworksVersion()
    {
        foreach (var version in new[] { "7.0.0", "8.0.1", "8.0.5", "9.0.0" })
        {
            _feed.Add("Microsoft.AspNetCore.App.Ref", version, [
                ("ref/net8.0/Microsoft.AspNetCore.Http.dll", LocalFeed.Compile("Microsoft.AspNetCore.Http", $"namespace Microsoft.AspNetCore.Http {{ public sealed class HttpContext {{ public string Version => \"{version}\"; }} }}")),
            ]);
        }

        var repository = new Dictionary<string, string>
        {
            ["src/Web/Web.csproj"] = """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""",
        };
        var code = """
            using System.Text;
            using Microsoft.AspNetCore.Http;

            namespace Web;

            public sealed class Handler
            {
                public string Handle(HttpContext context) => context.Version;
            }
            """;

        var (output, binding) = Review(new PackageResolver(_feed.Settings), repository, "src/Web/Handler.cs", code);
        var explanation = CSharpExplainer.Explain(new InMemorySnapshot(new Dictionary<string, string>(repository) { ["src/Web/Handler.cs"] = code }), "src/Web/Handler.cs", FileLimits.Default, CancellationToken.None, new PackageResolver(_feed.Settings));

        Assert.Equal(0, binding.ErrorCount);
        Assert.Contains(explanation.Packages, p => p.Id == "Microsoft.AspNetCore.App.Ref" && p.Version == "8.0.1");
        Assert.Equal([1], output.Findings.Where(f => f.RuleId == "RBCS401").Select(f => f.StartLine));
    }

    [Fact]
    public void AFeedThatIsDown_IsANotice_AndTheReviewGoesOn()
    {
        var settings = _feed.Settings with { Feeds = ["http://127.0.0.1:9/v3/index.json"], Timeout = TimeSpan.FromSeconds(30) };
        var (output, _) = Review(new PackageResolver(settings), Project("""<PackageReference Include="Acme.Widgets" Version="1.2.0" />"""), code: ShopFile + "\npublic class bad_name { }\n");

        var notice = Assert.Single(output.Notices);
        Assert.Contains("'Acme.Widgets': feed http://127.0.0.1:9/v3/index.json could not be read", notice.Message);
        Assert.Contains(output.Findings, f => f.Category == Engine.Findings.Category.Naming);
    }

    [Fact]
    public void AMissingPackage_AndAVersionThatDoesNotExist_AreNotices_TheOtherPackageIsRead()
    {
        AddWidgets();
        var repository = Project("""
            <PackageReference Include="Acme.Widgets" Version="1.2.0" />
            <PackageReference Include="Acme.Missing" Version="1.0.0" />
            <PackageReference Include="Acme.Widgets.Old" Version="[0.1.0]" />
            <PackageReference Include="Acme.NoVersion" />
            """);
        var (output, binding) = Review(new PackageResolver(_feed.Settings), repository);

        Assert.Equal(0, binding.ErrorCount);
        var notice = Assert.Single(output.Notices);
        Assert.Contains("2 of its packages could not be read", notice.Message);
        Assert.Contains("'Acme.Missing': no version in [1.0.0, ) is on the feeds", notice.Message);
        Assert.Contains("'Acme.Widgets.Old': no version in [0.1.0, 0.1.0] is on the feeds", notice.Message);
        // A reference without a version does not restore: the reader missed where it is set, which explain shows.
        Assert.DoesNotContain("Acme.NoVersion", notice.Message);
        var explanation = CSharpExplainer.Explain(new InMemorySnapshot(new Dictionary<string, string>(repository) { ["src/Shop/Store.cs"] = ShopFile }), "src/Shop/Store.cs", FileLimits.Default, CancellationToken.None, new PackageResolver(_feed.Settings));
        Assert.Contains(explanation.UnresolvedPackages, p => p.Id == "Acme.NoVersion" && p.HasNoVersion);
    }

    [Fact]
    public void AThousandPackageReferences_AreCutAtTheLimit_WithANotice()
    {
        AddWidgets();
        var references = string.Concat(Enumerable.Range(0, 1000).Select(i => $"""<PackageReference Include="Acme.Flood{i}" Version="1.0.{i}" />"""));
        var (output, _) = Review(new PackageResolver(_feed.Settings with { MaxPackages = 50 }), Project("""<PackageReference Include="Acme.Widgets" Version="1.2.0" />""" + references));

        var notice = Assert.Single(output.Notices);
        Assert.Contains("1000 of its packages could not be read", notice.Message);
        Assert.Contains("the review's limit of 50 packages was reached", notice.Message);
    }

    [Fact]
    public void ThePackageLimit_HoldsForTheWholeReview_NotForEachProject()
    {
        var repository = new Dictionary<string, string>();
        foreach (var project in new[] { "One", "Two" })
        {
            var references = string.Concat(Enumerable.Range(0, 30).Select(i => $"""<PackageReference Include="Acme.{project}{i}" Version="1.0.0" />"""));
            repository[$"src/{project}/{project}.csproj"] = $"""<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup>{references}</ItemGroup></Project>""";
            repository[$"src/{project}/Code.cs"] = $"namespace {project}; public static class Code {{ }}";
        }

        var context = new AnalysisContext { Repository = new InMemorySnapshot(repository) };
        var output = new CSharpAnalyzer(new PackageResolver(_feed.Settings with { MaxPackages = 40 }))
            .Analyze([new SourceFile("src/One/Code.cs", repository["src/One/Code.cs"]), new SourceFile("src/Two/Code.cs", repository["src/Two/Code.cs"])], context, CancellationToken.None);

        // 30 asked for the first project, 10 for the second: 20 of its packages over the review's limit.
        Assert.Equal(2, output.Notices.Count);
        Assert.Single(output.Notices, n => n.Message.Contains("the review's limit of 40 packages was reached", StringComparison.Ordinal) && n.Message.Contains("and 25 more", StringComparison.Ordinal));
    }

    [Fact]
    public void A200MegabytePackage_IsCutAtTheDownloadLimit_WithANotice()
    {
        AddWidgets();
        var huge = new byte[200 * 1024 * 1024];
        _feed.Add("Acme.Huge", "1.0.0", [("ref/net8.0/Acme.Huge.dll", huge)], level: CompressionLevel.NoCompression);

        var resolution = new PackageResolver(_feed.Settings).Resolve(
            [new PackageRequest("Acme.Widgets", "1.2.0"), new PackageRequest("Acme.Huge", "1.0.0")], "net8.0", CancellationToken.None);

        Assert.Equal(["Acme.Widgets"], resolution.Resolved.Select(p => p.Id));
        var huge200 = Assert.Single(resolution.Unresolved);
        Assert.Equal("Acme.Huge", huge200.Id);
        Assert.Contains("over the limit of 64 MB for one package", huge200.Why);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_feed.Cache, "tmp")));
    }

    [Fact]
    public void APackageThatExpandsPastTheLimit_IsCutAsItIsRead()
    {
        // 200 MB of zeros compress to a few hundred kilobytes: the archive's size says nothing of what it holds.
        _feed.Add("Acme.Bomb", "1.0.0", [("ref/net8.0/Acme.Bomb.dll", new byte[200 * 1024 * 1024])], level: CompressionLevel.SmallestSize);
        Assert.True(new FileInfo(Path.Combine(_feed.Folder, "Acme.Bomb.1.0.0.nupkg")).Length < 2 * 1024 * 1024);

        var resolution = new PackageResolver(_feed.Settings).Resolve([new PackageRequest("Acme.Bomb", "1.0.0")], "net8.0", CancellationToken.None);

        var bomb = Assert.Single(resolution.Unresolved);
        Assert.Contains("more assembly bytes than the limit allows", bomb.Why);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_feed.Cache, "tmp")));
    }

    [Fact]
    public void Dependencies_AreResolvedToo_AndOffline_TheCacheAloneServes()
    {
        _feed.Add("Acme.Base", "1.0.0", [("lib/netstandard2.0/Acme.Base.dll", LocalFeed.Compile("Acme.Base", "namespace Acme.Base { public class Part { } }"))]);
        _feed.Add("Acme.Top", "1.0.0", [("lib/net8.0/Acme.Top.dll", LocalFeed.Compile("Acme.Top", "namespace Acme.Top { public class Whole { } }"))], [("Acme.Base", "1.0.0")]);
        PackageRequest[] requests = [new("Acme.Top", "1.0.0")];

        var online = new PackageResolver(_feed.Settings).Resolve(requests, "net8.0", CancellationToken.None);
        Directory.Delete(_feed.Folder, recursive: true);
        var offline = new PackageResolver(_feed.Settings with { Offline = true }).Resolve(requests, "net8.0", CancellationToken.None);
        var unknown = new PackageResolver(_feed.Settings with { Offline = true }).Resolve([new("Acme.Other", "1.0.0")], "net8.0", CancellationToken.None);

        Assert.Equal(["Acme.Top 1.0.0", "Acme.Base 1.0.0"], online.Resolved.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(online.Resolved.Select(p => (p.Id, p.Version, p.Assemblies.Count)), offline.Resolved.Select(p => (p.Id, p.Version, p.Assemblies.Count)));
        Assert.All(offline.Resolved, p => Assert.Equal("cache", p.Source));
        Assert.Contains("the review is offline", Assert.Single(unknown.Unresolved).Why);
    }

    [Fact]
    public void AVersionTheCacheHoldsForTheRange_IsUsedWithoutAskingTheFeed()
    {
        // 1.0.0 was never published: the feed gave 1.0.5 for '1.0.0' (at least 1.0.0) the first time.
        _feed.Add("Acme.Base", "1.0.5", [("lib/netstandard2.0/Acme.Base.dll", LocalFeed.Compile("Acme.Base", "namespace Acme.Base { public class Part { } }"))]);
        var first = new PackageResolver(_feed.Settings).Resolve([new PackageRequest("Acme.Base", "1.0.0")], "net8.0", CancellationToken.None);
        Directory.Delete(_feed.Folder, recursive: true);

        var again = new PackageResolver(_feed.Settings).Resolve([new PackageRequest("Acme.Base", "1.0.0")], "net8.0", CancellationToken.None);

        Assert.Equal("1.0.5", Assert.Single(first.Resolved).Version);
        Assert.Equal(("1.0.5", "cache"), (Assert.Single(again.Resolved).Version, again.Resolved[0].Source));
        Assert.Empty(again.Unresolved);
    }

    [Fact]
    public void AFeedTheRepositorysNuGetConfigNames_IsNeverAsked()
    {
        using var pullRequestFeed = new LocalFeed();
        pullRequestFeed.Add("Acme.Widgets", "1.2.0", [("ref/net8.0/Acme.Widgets.dll", LocalFeed.Compile("Acme.Widgets", WidgetsSource))]);
        var repository = Project("""<PackageReference Include="Acme.Widgets" Version="1.2.0" />""");
        repository["nuget.config"] = $"""
            <configuration><packageSources><clear /><add key="mine" value="{pullRequestFeed.Folder}" /></packageSources></configuration>
            """;

        var (output, binding) = Review(new PackageResolver(_feed.Settings), repository);

        Assert.True(binding.ErrorCount > 0);
        Assert.Contains("'Acme.Widgets': no version in [1.2.0, ) is on the feeds", Assert.Single(output.Notices).Message);
    }

    [Fact]
    public async Task ConcurrentReviewsOnOneCache_AllResolve_AndTheCacheHoldsEachAssemblyOnce()
    {
        AddWidgets();
        var reviews = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new PackageResolver(_feed.Settings).Resolve([new PackageRequest("Acme.Widgets", "1.2.0")], "net8.0", CancellationToken.None)));

        var resolutions = await Task.WhenAll(reviews);

        Assert.All(resolutions, r => Assert.Equal(["Acme.Widgets.dll"], Assert.Single(r.Resolved).Assemblies));
        // Its ref/ and its lib/ assembly, once each.
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(_feed.Cache, "blobs"), "*.dll", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void OverItsCap_TheCacheDropsTheAssembliesUsedLeastRecently_AndSuchAPackageIsFetchedAgain()
    {
        AddWidgets();
        _feed.Add("Acme.Base", "1.0.0", [("lib/netstandard2.0/Acme.Base.dll", LocalFeed.Compile("Acme.Base", "namespace Acme.Base { public class Part { } }"))]);
        var resolver = new PackageResolver(_feed.Settings);
        resolver.Resolve([new PackageRequest("Acme.Base", "1.0.0")], "net8.0", CancellationToken.None);
        var baseBlob = Directory.EnumerateFiles(Path.Combine(_feed.Cache, "blobs"), "*.dll", SearchOption.AllDirectories).Single();
        File.SetLastWriteTimeUtc(baseBlob, DateTime.UtcNow.AddDays(-1));
        var size = new FileInfo(baseBlob).Length;

        // A cap that holds one of the two assemblies: the older goes when the second is stored.
        var capped = new PackageResolver(_feed.Settings with { CacheCapBytes = size + 1024 });
        capped.Resolve([new PackageRequest("Acme.Widgets", "1.2.0")], "net8.0", CancellationToken.None);

        Assert.False(File.Exists(baseBlob));
        var again = capped.Resolve([new PackageRequest("Acme.Base", "1.0.0")], "net8.0", CancellationToken.None);
        Assert.Equal("Acme.Base", Assert.Single(again.Resolved).Id);
        Assert.NotEqual("cache", again.Resolved[0].Source);
    }
}
