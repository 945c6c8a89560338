using Microsoft.CodeAnalysis;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp;

/// <summary>
/// Why a C# file binds the way it does in a review (<c>reviewbot explain</c>): its project as the static MSBuild
/// reader evaluated it, and the compiler errors the review's semantic model still has, with the names that did not
/// resolve. Built the same way the analyzer builds its compilation, so what it says is what the rules saw.
/// </summary>
public static class CSharpExplainer
{
    /// <summary>Compiler errors that mean a name did not resolve; the name is the text at the error's location.</summary>
    private static readonly HashSet<string> UnresolvedNameErrors = new(StringComparer.Ordinal)
    {
        "CS0103", "CS0117", "CS0234", "CS0246", "CS0426", "CS1061", "CS0118", "CS0616", "CS0432",
    };

    /// <summary>Each rule the repository's own settings turn off or re-grade in this file, with the setting and its place.</summary>
    private static List<string> RuleSettingsOf(FileSeverities severities) =>
        RuleSet.Create()
            .Select(rule => (Rule: rule, Decision: severities.Decide(rule)))
            .Where(x => x.Decision is not null)
            .Select(x => $"{x.Rule.Descriptor.Id} ({x.Rule.Descriptor.Title}) "
                + (x.Decision!.Silenced ? "off" : $"at {x.Decision.Severity!.Value.Id()}")
                + $": {x.Decision.Because.Source}")
            .ToList();

    /// <summary>Every rule run over the file as a review runs it, for the findings they left undecided and why.</summary>
    private static List<string> UndecidedIn(
        SourceFile source, SyntaxTree tree, ProjectInfo project, ProjectCompilations compilations, FileSeverities severities, FileLimits limits, CancellationToken cancellationToken)
    {
        var model = compilations.For(project).GetSemanticModel(tree);
        var context = new AnalysisContext { Limits = limits };
        var file = new FileContext(source, tree, model, project, context, cancellationToken, severities)
        {
            PackagesInReach = compilations.PackagesInReach(project),
        };
        Dispatch.Create(RuleSet.Create()).Walk(file);
        return file.Undecided.OrderBy(u => u.Line).ThenBy(u => u.RuleId, StringComparer.Ordinal).Select(u => $"{u.RuleId} line {u.Line}: {u.Because}").ToList();
    }

    /// <summary>Explains <paramref name="path"/>, with the packages <paramref name="packages"/> resolves as the review would (none when null).</summary>
    public static CSharpFileExplanation Explain(IRepositorySnapshot repository, string path, FileLimits limits, CancellationToken cancellationToken, Packages.PackageResolver? packages = null)
    {
        var layout = new ProjectLayout(repository, limits.MaxFileBytes);
        var project = layout.ProjectOf(path);
        var severities = new RuleSeverities(layout.Files).For(path, project);
        var evaluation = project.Evaluation;
        var explanation = new CSharpFileExplanation
        {
            File = path,
            ProjectFile = project.ProjectFile,
            Sdks = evaluation?.Sdks ?? [],
            Imports = evaluation?.Imports.Skip(1).ToList() ?? [],
            TargetFramework = project.TargetFramework,
            TargetFrameworks = evaluation?.TargetFrameworks ?? [],
            LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(project.LanguageVersion),
            LanguageVersionSource = project.LanguageVersionSource,
            Nullable = project.Nullable.ToString().ToLowerInvariant(),
            Defines = project.Defines,
            GlobalUsings = project.GlobalUsings.Select(u => new ExplainedUsing(u.Spelled(), u.Origin)).ToList(),
            ReaderNotices = evaluation?.Notices.Select(n => $"{n.Path}: {n.Message}").ToList() ?? [],
            RuleSettings = RuleSettingsOf(severities),
            Unevaluated = evaluation?.Unevaluated ?? [],
        };

        if (repository.ReadText(path, limits.MaxFileBytes) is not { } text)
        {
            return explanation with { ParseError = $"the file is missing at this revision, not text, or over {limits.MaxFileBytes / 1024:N0} KB" };
        }

        return LargeStack.Run(() =>
        {
            var (tree, parseError) = CSharpAnalyzer.ParseChanged(path, text, project, cancellationToken);
            if (parseError is not null) return explanation with { ParseError = CSharpAnalyzer.Describe(parseError) };
            var notices = new List<Notice>();
            var compilations = new ProjectCompilations(
                layout, new Dictionary<ProjectInfo, IReadOnlyList<SyntaxTree>> { [project] = [tree] }, new HashSet<string>(StringComparer.Ordinal) { path }, limits, notices, cancellationToken, packages);
            var compilation = compilations.For(project);
            var resolution = compilations.PackagesOf(project);
            var errors = compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
            var source = tree.GetText(cancellationToken);
            var unresolved = errors
                .Where(d => UnresolvedNameErrors.Contains(d.Id) && d.Location.IsInSource)
                .Select(d => source.ToString(d.Location.SourceSpan))
                .Select(name => name.Split('<')[0].Split('.')[^1].Trim())
                .Where(name => name.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return explanation with
            {
                Undecided = UndecidedIn(new SourceFile(path, text), tree, project, compilations, severities, limits, cancellationToken),
                ContextFiles = compilations.SourceFileCount(project) - 1,
                ReferencedProjects = compilations.ReferencedProjects(project)
                    .Select(p => new ExplainedReference(p.ProjectFile!, compilations.SourceFileCount(p)))
                    .ToList(),
                Errors = errors.Select(CSharpAnalyzer.Describe).ToList(),
                UnresolvedNames = unresolved,
                ContextNotices = notices.Select(n => n.Message).ToList(),
                Packages = resolution.Resolved,
                UnresolvedPackages = resolution.Unresolved,
            };
        });
    }
}

/// <summary>What <see cref="CSharpExplainer"/> found for one file.</summary>
public sealed record CSharpFileExplanation
{
    public required string File { get; init; }

    /// <summary>The project file the C# file belongs to; null when no <c>.csproj</c> is above it.</summary>
    public string? ProjectFile { get; init; }

    public IReadOnlyList<string> Sdks { get; init; } = [];

    /// <summary>The files the project imports, in MSBuild's order (the project itself not included).</summary>
    public IReadOnlyList<string> Imports { get; init; } = [];

    public string? TargetFramework { get; init; }

    /// <summary>Every framework of <c>TargetFrameworks</c> when the project multi-targets.</summary>
    public IReadOnlyList<string> TargetFrameworks { get; init; } = [];

    public string LanguageVersion { get; init; } = "";

    public string LanguageVersionSource { get; init; } = "";

    public string Nullable { get; init; } = "";

    public IReadOnlyList<string> Defines { get; init; } = [];

    public IReadOnlyList<ExplainedUsing> GlobalUsings { get; init; } = [];

    /// <summary>Problems the reader met in the project's files (they are notices of a review too).</summary>
    public IReadOnlyList<string> ReaderNotices { get; init; } = [];

    /// <summary>Conditions and values the reader did not evaluate; the SDK default's branch was taken.</summary>
    public IReadOnlyList<string> Unevaluated { get; init; } = [];

    /// <summary>The rules the repository's own settings turn off or re-grade in this file, each with the setting that did it.</summary>
    public IReadOnlyList<string> RuleSettings { get; init; } = [];

    /// <summary>The projects it references, directly or through another, each with the source files read from it.</summary>
    public IReadOnlyList<ExplainedReference> ReferencedProjects { get; init; } = [];

    /// <summary>The other files of the project bound with it.</summary>
    public int ContextFiles { get; init; }

    public IReadOnlyList<string> ContextNotices { get; init; } = [];

    /// <summary>The packages the file's compilation read, each with its resolved version, source and assemblies.</summary>
    public IReadOnlyList<Packages.ResolvedPackage> Packages { get; init; } = [];

    /// <summary>The packages it could not read, each with why.</summary>
    public IReadOnlyList<Packages.UnresolvedPackage> UnresolvedPackages { get; init; } = [];

    /// <summary>Why the file was not bound at all (missing, too large, does not parse); null when it was.</summary>
    public string? ParseError { get; init; }

    /// <summary>The compiler errors of the file in the review's semantic model, as <c>CS0246 on line 3: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The names those errors could not resolve.</summary>
    public IReadOnlyList<string> UnresolvedNames { get; init; } = [];

    /// <summary>
    /// Where a rule stayed silent because a name it cannot see (unresolved, or in an inactive <c>#if</c> region) could
    /// change its answer, as <c>RBCS401 line 3: why</c>: "could not tell", not "clean".
    /// </summary>
    public IReadOnlyList<string> Undecided { get; init; } = [];
}

/// <summary>A global using as C# spells it (<c>static System.Math</c>, <c>Json = System.Text.Json</c>) and where it came from.</summary>
public sealed record ExplainedUsing(string Using, string Origin);

/// <summary>A referenced project and how many of its source files the review read as context.</summary>
public sealed record ExplainedReference(string ProjectFile, int SourceFiles);
