using System.Xml.Linq;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// The repository snapshot as the MSBuild reader reads it: which files and folders exist (names matched as on a
/// case-insensitive file system when the exact case is missing, as Windows-authored repositories expect), and each
/// project or props file parsed once per review, bounded in size.
/// </summary>
internal sealed class ProjectFiles
{
    private readonly IRepositorySnapshot _repository;
    private readonly long _maxFileBytes;
    private readonly HashSet<string> _paths;
    private readonly Dictionary<string, string> _pathsIgnoringCase = new(StringComparer.OrdinalIgnoreCase);

    // Needed only when a condition asks whether a folder exists: built on first use, not for every review.
    private readonly Lazy<HashSet<string>> _directories;
    private readonly Dictionary<string, (XElement? Root, string? Problem)> _documents = new(StringComparer.Ordinal);

    // The .cs files and the folders holding a project, for the SDK's default Compile glob: built on first use.
    private readonly Lazy<(List<string> Sources, HashSet<string> ProjectFolders)> _sourceIndex;

    public ProjectFiles(IRepositorySnapshot repository, long maxFileBytes)
    {
        _repository = repository;
        _maxFileBytes = maxFileBytes;
        _paths = new HashSet<string>(repository.AllPaths, StringComparer.Ordinal);
        foreach (var path in repository.AllPaths) _pathsIgnoringCase.TryAdd(path, path);
        _sourceIndex = new(IndexSources);
        _directories = new(() =>
        {
            var directories = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "" };
            foreach (var path in repository.AllPaths)
            {
                for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                {
                    if (!directories.Add(path[..slash])) break;
                }
            }

            return directories;
        });
    }

    /// <summary>The path as the repository spells it, or null when no such file exists.</summary>
    public string? Find(string repositoryPath) =>
        _paths.Contains(repositoryPath) ? repositoryPath : _pathsIgnoringCase.GetValueOrDefault(repositoryPath);

    public bool DirectoryExists(string repositoryPath) => _directories.Value.Contains(repositoryPath.TrimEnd('/'));

    /// <summary>The repository's files matching a glob, in ordinal order.</summary>
    public IEnumerable<string> Match(string repositoryPattern)
    {
        var glob = MsBuildPath.Glob(repositoryPattern);
        return _paths.Where(p => glob.IsMatch(p)).Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// The <c>.cs</c> files the SDK's default <c>Compile</c> glob finds for a project in <paramref name="projectFolder"/>:
    /// those under it, but not in <c>bin</c>, <c>obj</c> or a dot folder, nor under a folder holding another project.
    /// </summary>
    public IEnumerable<string> SourceFilesOfProjectFolder(string projectFolder)
    {
        var (sources, projectFolders) = _sourceIndex.Value;
        var prefix = projectFolder.Length == 0 ? "" : projectFolder + "/";
        foreach (var path in sources)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = path[prefix.Length..].Split('/');
            var included = true;
            var folder = projectFolder;
            for (var i = 0; i < parts.Length - 1 && included; i++)
            {
                folder = folder.Length == 0 ? parts[i] : folder + "/" + parts[i];
                included = parts[i] is not ("bin" or "obj") && !parts[i].StartsWith('.') && !projectFolders.Contains(folder);
            }

            if (included) yield return path;
        }
    }

    private (List<string>, HashSet<string>) IndexSources()
    {
        var sources = new List<string>();
        var projectFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in _repository.AllPaths)
        {
            if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) sources.Add(path);
            else if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) projectFolders.Add(MsBuildPath.FolderOf(path));
        }

        sources.Sort(StringComparer.Ordinal);
        return (sources, projectFolders);
    }

    /// <summary>A file's text, bounded in size; null when it is larger or not text.</summary>
    public string? ReadText(string repositoryPath) => _repository.ReadText(repositoryPath, _maxFileBytes);

    /// <summary>The parsed project file, or why it could not be read.</summary>
    public (XElement? Root, string? Problem) Load(string repositoryPath)
    {
        lock (_documents)
        {
            if (_documents.TryGetValue(repositoryPath, out var known)) return known;
            var text = _repository.ReadText(repositoryPath, _maxFileBytes);
            var loaded = text is null
                ? (null, $"it is larger than {_maxFileBytes / 1024:N0} KB or not text")
                : ProjectXml.Load(text, _maxFileBytes);
            _documents[repositoryPath] = loaded;
            return loaded;
        }
    }

    /// <summary>The nearest file named <paramref name="name"/> in <paramref name="directory"/> or a folder above it.</summary>
    public string? NearestAbove(string directory, string name)
    {
        for (var current = directory.Trim('/'); ; current = MsBuildPath.FolderOf(current))
        {
            if (Find(current.Length == 0 ? name : current + "/" + name) is { } found) return found;
            if (current.Length == 0) return null;
        }
    }
}
