using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// The real <c>reviewbot</c> process with a package feed: the feed from <c>ReviewBot__NuGet__Feeds</c>, the cache
/// from <c>ReviewBot__NuGet__CacheDirectory</c>, <c>--offline</c> served by that cache alone, and <c>explain</c>
/// listing the package it read.
/// </summary>
public sealed class PackageCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reviewbot-package-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Review_ReadsThePackageFromTheOperatorsFeed_ThenOffline_FromTheCache_AndExplainListsIt()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        WritePackage(Path.Combine(feed, "Acme.Widgets.1.2.0.nupkg"), "Acme.Widgets", "1.2.0", "namespace Acme.Widgets { public sealed class Widget { public int Size => 1; } }");
        using var repo = new TempGitRepository();
        repo.Write("src/Shop/Shop.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Acme.Widgets" Version="1.2.0" /></ItemGroup>
            </Project>
            """).Commit("project");
        repo.Checkout("change", create: true).Write("src/Shop/Store.cs", """
            using System.Text;
            using Acme.Widgets;

            namespace Shop;

            public sealed class Store
            {
                public int SizeOf(Widget widget) => widget.Size;
            }
            """).Commit("store");
        var settings = new Dictionary<string, string>
        {
            ["ReviewBot__NuGet__Feeds"] = feed,
            ["ReviewBot__NuGet__CacheDirectory"] = Path.Combine(_root, "cache"),
            ["ReviewBot__NuGet__Offline"] = "false",
        };

        var online = await RunAsync(settings, "review", "--repo", repo.Path, "--base", "main", "--head", "change", "--format", "json", "--binding");
        Directory.Delete(feed, recursive: true);
        var offline = await RunAsync(settings, "review", "--repo", repo.Path, "--base", "main", "--head", "change", "--format", "json", "--offline");
        var explained = await RunAsync(settings, "explain", "--repo", repo.Path, "--ref", "change", "--offline", "src/Shop/Store.cs");

        Assert.Contains("binding: 1 of 1 C# files bind without errors", online.Stderr);
        foreach (var run in new[] { online, offline })
        {
            using var report = JsonDocument.Parse(run.Stdout);
            Assert.Empty(report.RootElement.GetProperty("notices").EnumerateArray());
            // System.Text is unused; Acme.Widgets serves Widget, which only the package declares.
            var unused = report.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "RBCS401").ToList();
            Assert.Equal([1], unused.Select(f => f.GetProperty("startLine").GetInt32()));
        }

        Assert.Contains("packages (1), read as reference assemblies only:", explained.Stdout);
        Assert.Contains("  Acme.Widgets 1.2.0 (from cache): Acme.Widgets.dll", explained.Stdout);
        Assert.Contains("compile errors: none", explained.Stdout);
    }

    /// <summary>Writes a package with one reference assembly for net8.0, compiled from <paramref name="source"/>.</summary>
    internal static void WritePackage(string path, string id, string version, string source)
    {
        var compilation = CSharpCompilation.Create(id, [CSharpSyntaxTree.ParseText(source)], Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var assembly = new MemoryStream();
        Assert.True(compilation.Emit(assembly).Success);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var nuspec = $"""<?xml version="1.0"?><package><metadata><id>{id}</id><version>{version}</version><authors>t</authors><description>t</description></metadata></package>""";
        using (var entry = zip.CreateEntry($"{id}.nuspec").Open()) entry.Write(Encoding.UTF8.GetBytes(nuspec));
        using (var entry = zip.CreateEntry($"ref/net8.0/{id}.dll").Open()) entry.Write(assembly.ToArray());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> settings, params string[] args) =>
        CliProcess.RunAsync(settings, null, args);
}
