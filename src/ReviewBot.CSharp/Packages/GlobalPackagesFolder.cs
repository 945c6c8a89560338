using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ReviewBot.CSharp.Packages;

/// <summary>
/// NuGet's own global packages folder (<c>~/.nuget/packages/&lt;id&gt;/&lt;version&gt;/</c>), read in place and never
/// written: the packages a restore on this machine extracted, answering as the review's cache does.
/// </summary>
internal sealed class GlobalPackagesFolder(string? root)
{
    /// <summary>The versions of <paramref name="id"/> the folder holds.</summary>
    public IReadOnlyList<NuGetVersion> Versions(string id)
    {
        if (root is null) return [];
        var folder = Path.Combine(root, id.ToLowerInvariant());
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder).Select(d => NuGetVersion.TryParse(Path.GetFileName(d), out var v) ? v : null).OfType<NuGetVersion>()]
            : [];
    }

    /// <summary>The package, or null when it is absent or its extraction did not finish (no marker file).</summary>
    public PackageAssets? TryGet(string id, NuGetVersion version)
    {
        if (root is null) return null;
        var folder = Path.Combine(root, id.ToLowerInvariant(), version.ToNormalizedString().ToLowerInvariant());
        var nuspec = Path.Combine(folder, id.ToLowerInvariant() + ".nuspec");
        if (!File.Exists(Path.Combine(folder, ".nupkg.metadata")) || !File.Exists(nuspec)) return null;
        try
        {
            var reader = new NuspecReader(nuspec);
            var files = new[] { "ref", "lib" }.Where(k => Directory.Exists(Path.Combine(folder, k)))
                .SelectMany(k => Directory.EnumerateFiles(Path.Combine(folder, k), "*", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'));
            var groups = PackageAssets.AssemblyEntries(files)
                .GroupBy(e => (e.Kind, e.Framework))
                .Select(g => new AssemblyGroup(g.Key.Kind, g.Key.Framework, [.. g.Where(e => e.EntryPath is not null).Select(e => new AssemblyFile(Path.GetFileName(e.EntryPath!), Path.Combine(folder, e.EntryPath!)))]))
                .ToList();
            return new PackageAssets(reader.GetId(), version, "the NuGet global packages folder", groups, [.. reader.GetDependencyGroups()]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PackagingException or System.Xml.XmlException)
        {
            return null;
        }
    }
}
