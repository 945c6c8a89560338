using System.Text.RegularExpressions;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// Paths as the static MSBuild reader sees them. The repository is mounted at a virtual root (<c>/repo/</c>), so
/// that <c>$(MSBuildThisFileDirectory)</c> is absolute the way MSBuild's is, and a path that climbs above the
/// repository (or names a drive) is recognisably outside it. The build tools' own folders
/// (<c>$(MSBuildExtensionsPath)</c>, <c>$(MSBuildToolsPath)</c> ...) expand to a second root, <c>/toolset/</c>:
/// imports from there are the SDK's and are known as data, never read.
/// </summary>
internal static partial class MsBuildPath
{
    public const string Root = "/repo/";
    public const string Toolset = "/toolset/";

    /// <summary>The virtual full path of a repository-relative path.</summary>
    public static string Full(string repositoryPath) => Root + repositoryPath;

    /// <summary>The repository-relative folder holding a repository-relative path ("" at the root), without a trailing slash.</summary>
    public static string FolderOf(string repositoryPath) =>
        repositoryPath.LastIndexOf('/') is var slash && slash >= 0 ? repositoryPath[..slash] : "";

    /// <summary>The virtual directory (with its trailing slash) holding a repository-relative file.</summary>
    public static string DirectoryOf(string repositoryPath)
    {
        var slash = repositoryPath.LastIndexOf('/');
        return slash < 0 ? Root : Root + repositoryPath[..(slash + 1)];
    }

    /// <summary>
    /// <paramref name="path"/> resolved against <paramref name="baseDirectory"/> (a virtual directory): separators made
    /// forward, <c>.</c> and <c>..</c> applied. A path that climbs above the root or names a drive stays outside.
    /// </summary>
    public static string Resolve(string path, string baseDirectory)
    {
        var text = path.Trim().Replace('\\', '/');
        if (DriveRegex().IsMatch(text) || text.StartsWith("//", StringComparison.Ordinal)) return "/outside/" + text.Replace(':', '_');
        var combined = text.StartsWith('/') ? text : baseDirectory.TrimEnd('/') + "/" + text;
        var parts = new List<string>();
        foreach (var part in combined.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return "/outside/" + text;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var resolved = "/" + string.Join('/', parts);
        return text.EndsWith('/') && resolved.Length > 1 ? resolved + "/" : resolved;
    }

    /// <summary>The repository-relative path of a virtual path, or null when it lies outside the repository.</summary>
    public static string? ToRepository(string fullPath)
    {
        if (fullPath == Root.TrimEnd('/')) return "";
        return fullPath.StartsWith(Root, StringComparison.Ordinal) ? fullPath[Root.Length..].TrimEnd('/') : null;
    }

    public static bool IsToolset(string fullPath) => fullPath.StartsWith(Toolset, StringComparison.Ordinal);

    /// <summary>A virtual path as users read it: repository-relative, or as written when outside.</summary>
    public static string Display(string fullPath) => ToRepository(fullPath) is { } relative ? (relative.Length == 0 ? "/" : relative) : fullPath;

    public static bool HasWildcard(string path) => path.Contains('*', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal);

    /// <summary>A glob (<c>*</c>, <c>?</c> within a segment, <c>**</c> across segments) over repository paths, as a regex.</summary>
    public static Regex Glob(string repositoryPattern)
    {
        var pattern = Regex.Escape(repositoryPattern)
            .Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        // Non-backtracking: a pull request writes the pattern, and a backtracking engine can be made to take exponential time.
        return new Regex("^" + pattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    [GeneratedRegex(@"^[A-Za-z]:")]
    private static partial Regex DriveRegex();
}
