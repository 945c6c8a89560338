using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.CSharp.Packages;

namespace ReviewBot.CSharp.Tests.Packages;

/// <summary>
/// A NuGet folder feed built in a test: packages are zip archives with a nuspec and the files given, their assemblies
/// compiled by the test from C# source. A temporary directory of its own, with a cache directory beside it.
/// </summary>
internal sealed class LocalFeed : IDisposable
{
    public LocalFeed()
    {
        Root = Directory.CreateTempSubdirectory("reviewbot-feed-").FullName;
        Directory.CreateDirectory(Folder);
    }

    public string Root { get; }

    /// <summary>The feed: a folder of <c>id.version.nupkg</c> files.</summary>
    public string Folder => Path.Combine(Root, "feed");

    public string Cache => Path.Combine(Root, "cache");

    /// <summary>Settings that ask this feed only, with the cache beside it and no global packages folder.</summary>
    public PackageSettings Settings => new() { Feeds = [Folder], CacheDirectory = Cache, GlobalPackagesFolder = null };

    /// <summary>A library assembly compiled from <paramref name="source"/>.</summary>
    public static byte[] Compile(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>Writes <c>id.version.nupkg</c> holding a nuspec (with <paramref name="dependencies"/> for net8.0) and <paramref name="files"/>.</summary>
    public string Add(string id, string version, IEnumerable<(string Path, byte[] Content)> files, IEnumerable<(string Id, string Range)>? dependencies = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        var path = Path.Combine(Folder, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var groups = dependencies is null ? "" : $"""
            <dependencies><group targetFramework="net8.0">{string.Concat(dependencies.Select(d => $"<dependency id=\"{d.Id}\" version=\"{d.Range}\" />"))}</group></dependencies>
            """;
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>test</authors><description>test</description>{groups}</metadata>
            </package>
            """;
        Write(zip, $"{id}.nuspec", Encoding.UTF8.GetBytes(nuspec), CompressionLevel.Optimal);
        foreach (var (file, content) in files) Write(zip, file, content, level);
        return path;
    }

    private static void Write(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var entry = zip.CreateEntry(name, level).Open();
        entry.Write(content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
