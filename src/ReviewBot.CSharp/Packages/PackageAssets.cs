using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ReviewBot.CSharp.Packages;

/// <summary>One assembly file of a package: its name in the package and where its bytes are on disk.</summary>
internal sealed record AssemblyFile(string Name, string Path);

/// <summary>The assemblies of one <c>ref/&lt;tfm&gt;</c> or <c>lib/&lt;tfm&gt;</c> folder of a package.</summary>
internal sealed record AssemblyGroup(string Kind, NuGetFramework Framework, IReadOnlyList<AssemblyFile> Files);

/// <summary>
/// What a review reads of a package: its compile-time assemblies by framework and its dependencies by framework. Never
/// its analyzers, source generators, <c>build/</c> targets or <c>tools/</c> scripts: those are code, and are never read.
/// </summary>
internal sealed record PackageAssets(string Id, NuGetVersion Version, string Source, IReadOnlyList<AssemblyGroup> Groups, IReadOnlyList<PackageDependencyGroup> Dependencies)
{
    /// <summary>
    /// The assemblies a project compiles against: for the first of <paramref name="targets"/> the package fits, the
    /// nearest compatible <c>ref/</c> folder, else the nearest <c>lib/</c> one (NuGet's own choice); none when it fits none.
    /// </summary>
    public IReadOnlyList<AssemblyFile> CompileAssemblies(IReadOnlyList<NuGetFramework> targets)
    {
        foreach (var target in targets)
        {
            foreach (var kind in new[] { "ref", "lib" })
            {
                var groups = Groups.Where(g => g.Kind == kind).ToList();
                if (groups.Count == 0) continue;
                var nearest = new FrameworkReducer().GetNearest(target, groups.Select(g => g.Framework));
                if (nearest is not null) return groups.First(g => g.Framework.Equals(nearest)).Files;
            }
        }

        return [];
    }

    /// <summary>The dependencies of the nearest group compatible with the first of <paramref name="targets"/> that one fits (none when none does).</summary>
    public IReadOnlyList<PackageDependency> DependenciesFor(IReadOnlyList<NuGetFramework> targets)
    {
        foreach (var target in targets)
        {
            var nearest = new FrameworkReducer().GetNearest(target, Dependencies.Select(g => g.TargetFramework));
            if (nearest is not null) return [.. Dependencies.First(g => g.TargetFramework.Equals(nearest)).Packages];
        }

        return [];
    }

    /// <summary>
    /// The assembly entries of a package archive's <c>ref/</c> and <c>lib/</c> folders by group, nothing deeper (no
    /// satellites); a group holding only NuGet's empty placeholder <c>_._</c> comes with a null path: it fits its
    /// framework, with nothing to compile against.
    /// </summary>
    public static IEnumerable<(string Kind, NuGetFramework Framework, string? EntryPath)> AssemblyEntries(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var parts = file.Replace('\\', '/').Split('/');
            if (parts.Length != 3) continue;
            var isPlaceholder = parts[2] == "_._";
            if (!isPlaceholder && !parts[2].EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;
            var kind = parts[0].ToLowerInvariant();
            if (kind is not ("ref" or "lib")) continue;
            var framework = NuGetFramework.ParseFolder(parts[1]);
            if (framework.IsUnsupported) continue;
            yield return (kind, framework, isPlaceholder ? null : file);
        }
    }
}
