using System.Text;
using ReviewBot.CSharp.Projects;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// Where a file's project is, in a repository snapshot: the nearest ancestor directory holding a <c>*.csproj</c>
/// (else the file's own directory), what MSBuild's evaluation of it says (read statically by
/// <see cref="ProjectEvaluator"/>), and which other <c>.cs</c> files belong to the same project. One per review: the
/// project and props files are read once.
/// </summary>
internal sealed class ProjectLayout
{
    private readonly IRepositorySnapshot _repository;
    private readonly Dictionary<string, List<string>> _projectFilesByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _csFilesByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectInfo> _infos = new(StringComparer.Ordinal);
    private readonly ProjectFiles _files;

    public ProjectLayout(IRepositorySnapshot repository, long maxFileBytes)
    {
        _repository = repository;
        _files = new ProjectFiles(repository, maxFileBytes);
        foreach (var path in repository.AllPaths)
        {
            if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                Add(_projectFilesByDirectory, MsBuildPath.FolderOf(path), path);
            }
            else if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                Add(_csFilesByDirectory, MsBuildPath.FolderOf(path), path);
            }
        }
    }

    /// <summary>The repository's files as the MSBuild reader reads them (one per review).</summary>
    public ProjectFiles Files => _files;

    /// <summary>The text of a context file, bounded.</summary>
    public string? ReadContextText(string path, long maxBytes) => maxBytes <= 0 ? null : _repository.ReadText(path, maxBytes);

    /// <summary>The project read from a project file (a referenced one), or null when the repository has no such file.</summary>
    public ProjectInfo? ProjectAt(string projectFile) =>
        _files.Find(projectFile) is { } found ? Info(MsBuildPath.FolderOf(found), found) : null;

    /// <summary>The project a file belongs to.</summary>
    public ProjectInfo ProjectOf(string path)
    {
        var directory = MsBuildPath.FolderOf(path);
        for (var current = directory; ; current = MsBuildPath.FolderOf(current))
        {
            if (_projectFilesByDirectory.TryGetValue(current, out var projects))
            {
                return Info(current, projects[0]);
            }

            if (current.Length == 0) break;
        }

        return Info(directory, null);
    }

    /// <summary>
    /// The <c>.cs</c> files of a project: its <c>Compile</c> items that exist at this revision; when its project file
    /// could not be read, what the SDK's default glob finds in its folder; without a project file, the files of the same
    /// directory only.
    /// </summary>
    public IEnumerable<string> SourceFilesOf(ProjectInfo project)
    {
        if (project.CompileFiles is { } compiled) return compiled.Where(path => _files.Find(path) is not null);
        if (project.ProjectFile is not null) return _files.SourceFilesOfProjectFolder(project.Directory);
        return _csFilesByDirectory.TryGetValue(project.Directory, out var same) ? same : [];
    }

    private ProjectInfo Info(string directory, string? projectFile)
    {
        lock (_infos)
        {
            // Keyed by the project file: a folder may hold two, and a reference names the one it means.
            var key = projectFile ?? "?" + directory;
            if (_infos.TryGetValue(key, out var known)) return known;
            var info = projectFile is null ? ProjectInfo.Loose(directory) : Read(directory, projectFile);
            _infos[key] = info;
            return info;
        }
    }

    private ProjectInfo Read(string directory, string projectFile)
    {
        try
        {
            return ProjectInfo.From(directory, ProjectEvaluator.Evaluate(_files, projectFile));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reader is written never to throw; should it, the review goes on with the defaults and says so.
            var notice = new ReaderNotice(projectFile, $"The project could not be read ({exception.GetType().Name}); defaults were used.");
            return ProjectInfo.From(directory, ProjectEvaluation.Unread(projectFile, notice));
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>Where the generated global usings file sits in a project, as the SDK names it.</summary>
    public static string GlobalUsingsPath(ProjectInfo project) => project.Directory + "/obj/ImplicitGlobalUsings.g.cs";

    /// <summary>A source text declaring the project's global usings (as the SDK generates it), or null when it has none.</summary>
    public static string? GlobalUsingsSource(ProjectInfo project)
    {
        if (project.GlobalUsings.Count == 0) return null;
        var builder = new StringBuilder();
        foreach (var item in project.GlobalUsings) builder.Append("global using ").Append(item.Spelled("global::")).Append(";\n");

        return builder.ToString();
    }
}
