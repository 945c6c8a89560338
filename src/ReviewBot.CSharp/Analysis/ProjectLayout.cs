using System.Text;
using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// Where a file's project is, in a repository snapshot: the nearest ancestor directory holding a <c>*.csproj</c>
/// (else the file's own directory), what the project file says (implicit usings, output type, test project), and
/// which other <c>.cs</c> files belong to the same project.
/// </summary>
internal sealed partial class ProjectLayout
{
    private readonly IRepositorySnapshot _repository;
    private readonly long _maxFileBytes;
    private readonly Dictionary<string, List<string>> _projectFilesByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _csFilesByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectInfo> _infos = new(StringComparer.Ordinal);

    public ProjectLayout(IRepositorySnapshot repository, long maxFileBytes)
    {
        _repository = repository;
        _maxFileBytes = maxFileBytes;
        foreach (var path in repository.AllPaths)
        {
            if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                Add(_projectFilesByDirectory, DirectoryOf(path), path);
            }
            else if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                Add(_csFilesByDirectory, DirectoryOf(path), path);
            }
        }
    }

    /// <summary>The text of a context file, bounded.</summary>
    public string? ReadContextText(string path, long maxBytes) => maxBytes <= 0 ? null : _repository.ReadText(path, maxBytes);

    /// <summary>The project a file belongs to.</summary>
    public ProjectInfo ProjectOf(string path)
    {
        var directory = DirectoryOf(path);
        for (var current = directory; ; current = DirectoryOf(current))
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
    /// The other <c>.cs</c> files of a project: under its directory but not under a nested project, nor in
    /// <c>bin</c>/<c>obj</c>; without a project file, the files of the same directory only.
    /// </summary>
    public IEnumerable<string> SourceFilesOf(ProjectInfo project)
    {
        if (project.ProjectFile is null)
        {
            return _csFilesByDirectory.TryGetValue(project.Directory, out var same) ? same : [];
        }

        var prefix = project.Directory.Length == 0 ? "" : project.Directory + "/";
        return _csFilesByDirectory
            .Where(pair => pair.Key == project.Directory || pair.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Where(pair => !IsBuildOutput(pair.Key, prefix) && ProjectOf(pair.Value[0]).Directory == project.Directory)
            .SelectMany(pair => pair.Value)
            .Order(StringComparer.Ordinal);
    }

    private static bool IsBuildOutput(string directory, string projectPrefix)
    {
        var relative = directory.Length >= projectPrefix.Length ? directory[projectPrefix.Length..] : "";
        return relative.Split('/').Any(part => part is "bin" or "obj");
    }

    private ProjectInfo Info(string directory, string? projectFile)
    {
        lock (_infos)
        {
            if (_infos.TryGetValue(directory, out var known)) return known;
            var info = projectFile is null ? new ProjectInfo(directory, null, [], null, false) : Read(directory, projectFile);
            _infos[directory] = info;
            return info;
        }
    }

    private ProjectInfo Read(string directory, string projectFile)
    {
        var project = _repository.ReadText(projectFile, _maxFileBytes) ?? "";
        // Directory.Build.props files above the project, nearest last so that it wins.
        var props = new List<string>();
        for (var current = directory; ; current = DirectoryOf(current))
        {
            var candidate = current.Length == 0 ? "Directory.Build.props" : current + "/Directory.Build.props";
            if (_repository.ReadText(candidate, _maxFileBytes) is { } text) props.Insert(0, text);
            if (current.Length == 0) break;
        }

        var all = props.Append(project).ToList();
        var implicitUsings = all.Select(t => ImplicitUsingsRegex().Match(t)).LastOrDefault(m => m.Success) is { } match
            && match.Groups[1].Value.Trim() is var value
            && (value.Equals("enable", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase));
        var sdk = SdkRegex().Match(project) is { Success: true } sdkMatch ? sdkMatch.Groups[1].Value : "";

        var usings = new List<string>();
        if (implicitUsings)
        {
            usings.AddRange(BaseImplicitUsings);
            if (sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)) usings.AddRange(WebImplicitUsings);
            else if (sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)) usings.AddRange(WorkerImplicitUsings);
        }

        foreach (var text in all)
        {
            foreach (Match item in UsingItemRegex().Matches(text))
            {
                var attributes = item.Groups["attributes"].Value;
                var name = item.Groups["name"].Value.Trim();
                if (item.Groups["verb"].Value == "Remove")
                {
                    usings.Remove(name);
                }
                else if (!attributes.Contains("Alias", StringComparison.Ordinal) && !attributes.Contains("Static", StringComparison.Ordinal))
                {
                    usings.Add(name);
                }
            }
        }

        var outputType = all.Select(t => OutputTypeRegex().Match(t)).LastOrDefault(m => m.Success)?.Groups[1].Value.Trim();
        if (outputType is null && (sdk.EndsWith(".Web", StringComparison.OrdinalIgnoreCase) || sdk.EndsWith(".Worker", StringComparison.OrdinalIgnoreCase)))
        {
            outputType = "Exe";
        }

        if (sdk.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase)) usings.Add("Microsoft.VisualStudio.TestTools.UnitTesting");
        var noWarn = string.Join(";", all.SelectMany(t => NoWarnRegex().Matches(t).Select(m => m.Groups[1].Value)));
        var suppressesMissingDocs = noWarn.Split(';', ',').Any(code => code.Trim() is "CS1591" or "1591");
        var isTestProject = project.Contains("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase)
            || IsTestProjectRegex().IsMatch(project)
            || sdk.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase);
        return new ProjectInfo(directory, projectFile, usings.Distinct(StringComparer.Ordinal).ToList(), outputType ?? "Library", isTestProject)
        {
            SuppressesMissingDocs = suppressesMissingDocs,
        };
    }

    private static readonly string[] BaseImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    private static readonly string[] WebImplicitUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] WorkerImplicitUsings =
    [
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    [GeneratedRegex(@"<ImplicitUsings>\s*([^<]*)</ImplicitUsings>", RegexOptions.IgnoreCase)]
    private static partial Regex ImplicitUsingsRegex();

    [GeneratedRegex(@"<Project\s+Sdk\s*=\s*""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex SdkRegex();

    [GeneratedRegex(@"<OutputType>\s*([^<]*)</OutputType>", RegexOptions.IgnoreCase)]
    private static partial Regex OutputTypeRegex();

    [GeneratedRegex(@"<NoWarn>([^<]*)</NoWarn>", RegexOptions.IgnoreCase)]
    private static partial Regex NoWarnRegex();

    [GeneratedRegex(@"<IsTestProject>\s*true\s*</IsTestProject>", RegexOptions.IgnoreCase)]
    private static partial Regex IsTestProjectRegex();

    [GeneratedRegex(@"<Using\s+(?<verb>Include|Remove)\s*=\s*""(?<name>[^""]+)""(?<attributes>[^>]*)/?>")]
    private static partial Regex UsingItemRegex();

    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>A source text declaring the project's implicit global usings, or null when it has none.</summary>
    public static string? GlobalUsingsSource(ProjectInfo project)
    {
        if (project.GlobalUsings.Count == 0) return null;
        var builder = new StringBuilder();
        foreach (var name in project.GlobalUsings) builder.Append("global using global::").Append(name).Append(";\n");
        return builder.ToString();
    }
}

/// <summary>What the analyzer knows of a project: its directory, its project file, and what that file implies.</summary>
internal sealed record ProjectInfo(string Directory, string? ProjectFile, IReadOnlyList<string> GlobalUsings, string? OutputType, bool IsTestProject)
{
    /// <summary>True when the project file says it builds a library (no executable entry point).</summary>
    public bool IsLibrary => ProjectFile is not null && string.Equals(OutputType, "Library", StringComparison.OrdinalIgnoreCase) && !IsTestProject;

    /// <summary>True when the project builds an executable (its public types are not an API for others).</summary>
    public bool IsExecutable => ProjectFile is not null && OutputType is { } type
        && (type.Equals("Exe", StringComparison.OrdinalIgnoreCase) || type.Equals("WinExe", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the project's <c>NoWarn</c> lists CS1591: it has chosen not to document every public member.</summary>
    public bool SuppressesMissingDocs { get; init; }
}
