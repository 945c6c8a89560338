using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.CSharp.Packages;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The compilations of one review, one per project and each built once: the project's changed files, its other source
/// files (its <c>Compile</c> items) as context, its global usings, and the projects it references, transitively, as
/// compilation references, so that a test project binds against the project it tests. Every project's files count
/// against one context budget; the referenced projects are bounded too, and a reference cycle is cut with a notice.
/// Each compilation also gets the reference assemblies of the packages the project and the projects it references use
/// (<see cref="PackageResolver"/>), when the review resolves packages. Nothing is emitted: a referenced compilation is
/// only ever asked for its declarations.
/// </summary>
internal sealed class ProjectCompilations
{
    /// <summary>The most projects one review reads as referenced context.</summary>
    public const int MaxReferencedProjects = 64;

    private readonly ProjectLayout _layout;
    private readonly IReadOnlyDictionary<ProjectInfo, IReadOnlyList<SyntaxTree>> _changedTrees;
    private readonly HashSet<string> _changedPaths;
    private readonly ContextBudget _budget;
    private readonly FileLimits _limits;
    private readonly List<Notice> _notices;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ProjectInfo, Compilation> _built = [];
    private readonly HashSet<ProjectInfo> _building = [];
    private readonly Dictionary<ProjectInfo, IReadOnlyList<ProjectInfo>> _closures = [];
    private readonly HashSet<string> _examined = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ProjectInfo, string> _assemblyNames = [];
    private readonly HashSet<string> _usedAssemblyNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<ProjectInfo> _reviewed;
    private readonly PackageResolver? _packages;
    private readonly Dictionary<string, PackageResolution> _resolutions = new(StringComparer.Ordinal);
    private readonly Dictionary<ProjectInfo, PackageResolution> _projectPackages = [];
    private PackageBudget? _packageBudget;

    /// <summary>
    /// Compilations for the projects of <paramref name="changedTrees"/>, the parsed changed files of each project under
    /// review, with packages from <paramref name="packages"/> (none when null).
    /// </summary>
    public ProjectCompilations(
        ProjectLayout layout, IReadOnlyDictionary<ProjectInfo, IReadOnlyList<SyntaxTree>> changedTrees, HashSet<string> changedPaths, FileLimits limits,
        List<Notice> notices, CancellationToken cancellationToken, PackageResolver? packages = null)
    {
        _packages = packages;
        _layout = layout;
        _changedTrees = changedTrees;
        _changedPaths = changedPaths;
        _budget = new ContextBudget(limits.MaxContextFiles, limits.MaxContextBytes);
        _limits = limits;
        _notices = notices;
        _cancellationToken = cancellationToken;
        _reviewed = [.. changedTrees.Keys];
    }

    /// <summary>The compilation <paramref name="project"/>'s changed files are bound in.</summary>
    public Compilation For(ProjectInfo project) => Build(project)!;

    /// <summary>Where the review records the time its work takes; null when nobody asked.</summary>
    public ReviewTimings? Timings { get; init; }

    /// <summary>
    /// The packages <paramref name="project"/> and the projects it references build against (see
    /// <see cref="ProjectInfo.Packages"/>) that the review could not read: the ones it resolved are in the compilation.
    /// </summary>
    public IReadOnlyList<string> PackagesInReach(ProjectInfo project)
    {
        var packages = PackagesOf(project);
        var resolved = new HashSet<string>(packages.Resolved.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);
        if (resolved.Contains(ProjectInfo.AspNetCoreTargetingPack)) resolved.UnionWith(["Microsoft.AspNetCore.App", "Microsoft.Extensions.App"]);
        return [.. ReferencedProjects(project).Prepend(project).SelectMany(p => p.Packages)
            .Where(id => !resolved.Contains(id))
            .Concat(packages.Unresolved.Select(p => p.Id))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The packages of <paramref name="project"/> and the projects it references, resolved for its target framework
    /// (once per review for each set of references), with a notice for what could not be read.
    /// </summary>
    public PackageResolution PackagesOf(ProjectInfo project)
    {
        if (_projectPackages.TryGetValue(project, out var known)) return known;
        if (_packages is null) return _projectPackages[project] = PackageResolution.Empty;
        var requests = ReferencedProjects(project).Prepend(project).SelectMany(p => p.PackageRequests).DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var key = project.TargetFramework + "|" + string.Join(";", requests.Select(r => r.Id + "@" + r.VersionRange));
        if (!_resolutions.TryGetValue(key, out var resolution))
        {
            _packageBudget ??= _packages.NewBudget();
            using (Timings?.Work("csharp: packages (resolve and read)"))
            {
                resolution = _resolutions[key] = _packages.Resolve(requests, project.TargetFramework, _cancellationToken, _packageBudget);
            }

            foreach (var notice in resolution.Notices) AddNotice(project.ProjectFile, notice);
            // A reference without a version does not restore (NU1015): its version is set where the static reader does
            // not look (an SDK, a target), as with a condition it cannot evaluate, so explain says so, not the review.
            var failed = resolution.Unresolved.Where(p => !p.HasNoVersion).ToList();
            if (failed.Count > 0)
            {
                const int Shown = 5;
                var listed = string.Join("; ", failed.Take(Shown).Select(p => $"'{p.Id}': {p.Why}"));
                var more = failed.Count > Shown ? $"; and {failed.Count - Shown} more" : "";
                AddNotice(project.ProjectFile, $"{failed.Count} of its packages could not be read ({listed}{more}); names from them may not resolve, and the rules that need them stay silent.");
            }
        }

        return _projectPackages[project] = resolution;
    }

    /// <summary>The projects <paramref name="project"/> references, directly or through another, in breadth-first order.</summary>
    public IReadOnlyList<ProjectInfo> ReferencedProjects(ProjectInfo project)
    {
        if (_closures.TryGetValue(project, out var known)) return known;
        var closure = new List<ProjectInfo>();
        var seen = new HashSet<ProjectInfo> { project };
        var queue = new Queue<ProjectInfo>([project]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var path in current.ProjectReferences)
            {
                if (!_examined.Contains(path) && _examined.Count >= MaxReferencedProjects)
                {
                    AddNotice(null, $"The review reached {MaxReferencedProjects} referenced C# projects; further references were not read, and names from them may not resolve.");
                    _closures[project] = closure;
                    return closure;
                }

                _examined.Add(path);
                if (_layout.ProjectAt(path) is not { } referenced)
                {
                    AddNotice(current.ProjectFile, $"It references '{path}', which is not in the repository at this revision; that project is not context.");
                }
                else if (seen.Add(referenced))
                {
                    AddReaderNotices(referenced);
                    closure.Add(referenced);
                    queue.Enqueue(referenced);
                }
            }
        }

        _closures[project] = closure;
        return closure;
    }

    /// <summary>How many source files of a project its compilation holds (the ones the review generates not counted); 0 when it was not built.</summary>
    public int SourceFileCount(ProjectInfo project) =>
        _built.TryGetValue(project, out var compilation)
            ? compilation.SyntaxTrees.Count(t => t.FilePath != ProjectLayout.GlobalUsingsPath(project) && t.FilePath != GrantsPath(project))
            : 0;

    private static string GrantsPath(ProjectInfo project) => project.Directory + "/obj/ReviewInternalsVisibleTo.g.cs";

    /// <summary>The static MSBuild reader's problems with a project, as notices of the review (once each).</summary>
    public void AddReaderNotices(ProjectInfo project)
    {
        foreach (var notice in project.Evaluation?.Notices ?? [])
        {
            AddNotice(notice.Path, $"{notice.Message} (The C# project context was read without it.)");
        }
    }

    private Compilation? Build(ProjectInfo project)
    {
        if (_built.TryGetValue(project, out var known)) return known;
        if (!_building.Add(project))
        {
            AddNotice(project.ProjectFile, "Its project references form a cycle; the cycle was cut.");
            return null;
        }

        // The project's own files take the context budget first, then the projects it references.
        var trees = new List<SyntaxTree>(_changedTrees.GetValueOrDefault(project) ?? []);
        trees.AddRange(ReadContext(project));
        var references = new List<MetadataReference>();
        var referencedCompilations = new List<Compilation>();
        foreach (var referenced in ReferencedProjects(project))
        {
            if (Build(referenced) is not { } compilation) continue;
            references.Add(compilation.ToMetadataReference());
            referencedCompilations.Add(compilation);
        }

        // Not the whole build: the context files are parsed on threads of their own while this one waits. The packages
        // resolved in here are timed as their own work.
        using var compiling = Timings?.Work("csharp: compilation (global usings, references)");
        if (ProjectLayout.GlobalUsingsSource(project) is { } globalUsings)
        {
            trees.Add(CSharpAnalyzer.Parse(ProjectLayout.GlobalUsingsPath(project), globalUsings, project.ParseOptions, _cancellationToken));
        }

        if (GrantsSource(project, trees) is { } grants)
        {
            trees.Add(CSharpAnalyzer.Parse(GrantsPath(project), grants, project.ParseOptions, _cancellationToken));
        }

        var kind = trees.Any(t => t.GetRoot(_cancellationToken).ChildNodes().Any(n => n.IsKind(SyntaxKind.GlobalStatement)))
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        references.AddRange(PackagesOf(project).References);
        // Nullable analysis stays off whatever the project says: no rule reads its warnings, binding errors are the same
        // without it, and it cost a fifth of a review's time (Polly commits: 2.25 s with it, 1.75 s without).
        var options = ReferenceSet.Options(kind);
        if (FriendKey(project, referencedCompilations) is { } key) options = options.WithCryptoPublicKey(key).WithPublicSign(true);
        var built = CSharpCompilation.Create(AssemblyNameOf(project), trees, ReferenceSet.References.AddRange(references), options);
        _building.Remove(project);
        _built[project] = built;
        return built;
    }

    /// <summary>
    /// The projects under review see a referenced project's internal members, as test projects nearly always do through
    /// <c>InternalsVisibleTo</c> (often added by a build target the reader does not run): the code compiles, so an
    /// access the grant allows is one it has. Where the project names its friends itself (an item whose type mentions
    /// <c>InternalsVisibleTo</c>, as the SDK's item or a repository's own that a target turns into it, or the attribute
    /// in its source), only the projects it names get the grant: a grant it does not make changes what compiles (an
    /// override of a <c>protected internal</c> member must then say <c>internal</c> too).
    /// </summary>
    private string? GrantsSource(ProjectInfo project, List<SyntaxTree> trees)
    {
        if (project.ProjectFile is null) return null;
        var friends = _reviewed.Where(p => p != project && p.ProjectFile is not null).Select(AssemblyNameOf).ToList();
        var named = project.Evaluation?.Items
            .Where(i => i.Type.Contains("InternalsVisibleTo", StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Identity.Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        if (named.Count > 0)
        {
            friends = friends.Where(named.Contains).ToList();
        }
        else if (trees.Any(DeclaresInternalsVisibleTo))
        {
            // The compiler reads the project's own attributes.
            return null;
        }

        if (friends.Count == 0) return null;
        return string.Concat(friends.Select(name => $"[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"{name}\")]\n"));
    }

    /// <summary>True when <paramref name="tree"/> has an assembly attribute spelled <c>InternalsVisibleTo</c> (where C# allows one: at the top of a file).</summary>
    private bool DeclaresInternalsVisibleTo(SyntaxTree tree) =>
        tree.GetRoot(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit
        && unit.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString().Contains("InternalsVisibleTo", StringComparison.Ordinal));

    /// <summary>
    /// The public key a referenced project's <c>InternalsVisibleTo("Name, PublicKey=…")</c> requires of this project, if
    /// one does: the real build signs it with that key (its private half is the repository's, never needed here), and
    /// the compiler grants the friend access only to an assembly whose identity carries the key. Public signing gives
    /// the compilation that identity; nothing is emitted or signed.
    /// </summary>
    private System.Collections.Immutable.ImmutableArray<byte>? FriendKey(ProjectInfo project, List<Compilation> referenced)
    {
        if (referenced.Count == 0) return null;
        var name = AssemblyNameOf(project);
        foreach (var compilation in referenced)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.Name != "InternalsVisibleToAttribute" || attribute.ConstructorArguments is not [{ Value: string friend }]) continue;
                var parts = friend.Split(',', StringSplitOptions.TrimEntries);
                if (!parts[0].Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
                var key = parts.Skip(1).FirstOrDefault(p => p.StartsWith("PublicKey=", StringComparison.OrdinalIgnoreCase));
                if (key is null) continue;
                try
                {
                    return [.. Convert.FromHexString(key["PublicKey=".Length..].Trim())];
                }
                catch (FormatException)
                {
                    // Not a key: the friend access stays refused, as the compiler would refuse it.
                }
            }
        }

        return null;
    }

    // Unique in the review: two compilations with one simple name cannot reference each other.
    private string AssemblyNameOf(ProjectInfo project)
    {
        if (_assemblyNames.TryGetValue(project, out var known)) return known;
        var name = new string(project.AssemblyName.Where(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        if (name.Length == 0) name = "Review";
        var unique = name;
        for (var i = 2; !_usedAssemblyNames.Add(unique); i++) unique = $"{name}_{i}";
        _assemblyNames[project] = unique;
        return unique;
    }

    private void AddNotice(string? path, string message)
    {
        if (!_notices.Any(n => n.Path == path && n.Message == message)) _notices.Add(new Notice(NoticeKind.Configuration, path, message));
    }

    private List<SyntaxTree> ReadContext(ProjectInfo project)
    {
        var reading = Timings?.Work("csharp: context files (read)");
        var texts = new List<(string Path, string Text)>();
        foreach (var path in _layout.SourceFilesOf(project))
        {
            if (_changedPaths.Contains(path)) continue;
            if (!_budget.TryTakeFile())
            {
                _notices.Add(new Notice(NoticeKind.LimitExceeded, null, $"The C# context of '{(project.Directory.Length == 0 ? "/" : project.Directory)}' was cut at {_budget.MaxFiles} files; some symbols may not resolve, and rules that need them stay silent."));
                break;
            }

            var text = _layout.ReadContextText(path, Math.Min(_limits.MaxFileBytes, _budget.RemainingBytes));
            if (text is null || NestingDepth.Scan(text) is var shape && (shape.Depth > _limits.MaxNestingDepth || shape.LongestRun > CSharpAnalyzer.MaxTokensWithoutSeparator)) continue;
            _budget.TakeBytes(text.Length);
            texts.Add((path, text));
        }

        reading?.Dispose();
        var trees = new SyntaxTree[texts.Count];
        // One large-stack thread per core, each parsing its share: context files come from the repository too.
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, texts.Count));
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = _cancellationToken, TaskScheduler = TaskScheduler.Current }, chunk => LargeStack.Run(() =>
        {
            using var parsing = Timings?.Work("csharp: context files (parse)");
            for (var i = chunk; i < texts.Count; i += chunks) trees[i] = CSharpAnalyzer.Parse(texts[i].Path, texts[i].Text, project.ParseOptions, _cancellationToken);
            return chunk;
        }));
        return [.. trees];
    }

    /// <summary>The bound on context files and bytes for one review.</summary>
    private sealed class ContextBudget(int maxFiles, long maxBytes)
    {
        private int _files;
        private long _bytes;

        public int MaxFiles => maxFiles;

        public long RemainingBytes => Math.Max(0, maxBytes - _bytes);

        public bool TryTakeFile()
        {
            if (_files >= maxFiles || _bytes >= maxBytes) return false;
            _files++;
            return true;
        }

        public void TakeBytes(long bytes) => _bytes += bytes;
    }
}
