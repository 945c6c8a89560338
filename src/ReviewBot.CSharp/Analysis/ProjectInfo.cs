using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.CSharp.Packages;
using ReviewBot.CSharp.Projects;

namespace ReviewBot.CSharp.Analysis;

/// <summary>A global using of a project (SDK implicit usings or a <c>&lt;Using&gt;</c> item) and the file it came from.</summary>
internal sealed record GlobalUsing(string Name, string? Alias, bool IsStatic, string Origin)
{
    /// <summary>The directive's body as C# spells it after <c>using</c>, with <paramref name="qualifier"/> before the name.</summary>
    public string Spelled(string qualifier = "") => (IsStatic ? "static " : "") + (Alias is { } alias ? alias + " = " : "") + qualifier + Name;
}

/// <summary>
/// What the analyzer knows of a project: its directory and file, and what MSBuild's evaluation says of it (framework,
/// language version, defines, nullable context, global usings, output type, test project).
/// </summary>
internal sealed record ProjectInfo(string Directory, string? ProjectFile, IReadOnlyList<GlobalUsing> GlobalUsings, string? OutputType, bool IsTestProject)
{
    /// <summary>True when the project file says it builds a library (no executable entry point).</summary>
    public bool IsLibrary => ProjectFile is not null && string.Equals(OutputType, "Library", StringComparison.OrdinalIgnoreCase) && !IsTestProject;

    /// <summary>True when the project builds an executable (its public types are not an API for others).</summary>
    public bool IsExecutable => ProjectFile is not null && OutputType is { } type
        && (type.Equals("Exe", StringComparison.OrdinalIgnoreCase) || type.Equals("WinExe", StringComparison.OrdinalIgnoreCase));

    /// <summary>The diagnostics the project's <c>NoWarn</c> turns off (<c>1591</c> read as <c>CS1591</c>), each with where it was set.</summary>
    public IReadOnlyList<(string Id, string Source)> NoWarn { get; init; } = [];

    /// <summary>True when the build writes an XML documentation file: only then does the compiler report CS1591.</summary>
    public bool GeneratesDocumentation { get; init; }

    /// <summary>The target framework the project is bound for (its newest .NET one when it multi-targets), if known.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>The project's C# version (its <c>LangVersion</c>, else the framework's default).</summary>
    public LanguageVersion LanguageVersion { get; init; } = ReferenceSet.ParseOptions.LanguageVersion;

    /// <summary>Where <see cref="LanguageVersion"/> came from, for <c>explain</c>.</summary>
    public string LanguageVersionSource { get; init; } = "no project file: the newest the reviewer knows";

    /// <summary>The project's nullable context, as <c>explain</c> shows it; the review binds with nullable analysis off.</summary>
    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Disable;

    /// <summary>The preprocessor symbols of the build: the framework's, the configuration's and <c>DefineConstants</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [.. ReferenceSet.ParseOptions.PreprocessorSymbolNames];

    /// <summary>The assembly the project builds (<c>AssemblyName</c>, else the project file's name).</summary>
    public string AssemblyName { get; init; } = "Review";

    /// <summary>
    /// The project's source files as its <c>Compile</c> items list them (the SDK's default glob, then the project's own
    /// includes and removes, linked files included), repository-relative; null when no project file was read.
    /// </summary>
    public IReadOnlyList<string>? CompileFiles { get; init; }

    /// <summary>The C# projects it references (<c>ProjectReference</c> items), repository-relative, in order.</summary>
    public IReadOnlyList<string> ProjectReferences { get; init; } = [];

    /// <summary>
    /// The packages and shared frameworks the project builds against, by id (<c>PackageReference</c>,
    /// <c>FrameworkReference</c>, and the frameworks its SDK or <c>UseWPF</c>/<c>UseWindowsForms</c> bring): assemblies
    /// the review does not have, which may add types to namespaces it knows.
    /// </summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>
    /// The project's <c>PackageReference</c>s that it compiles against, with their versions (<c>VersionOverride</c>, else
    /// <c>Version</c>, else central package management's <c>PackageVersion</c>), in order.
    /// </summary>
    internal IReadOnlyList<PackageRequest> PackageRequests { get; init; } = [];

    /// <summary>The static MSBuild evaluation this came from; null for files without a project.</summary>
    public ProjectEvaluation? Evaluation { get; init; }

    /// <summary>How the project's files are parsed: its language version and defines.</summary>
    public CSharpParseOptions ParseOptions => _parseOptions ??= ReferenceSet.ParseOptions.WithLanguageVersion(LanguageVersion).WithPreprocessorSymbols(Defines);

    private CSharpParseOptions? _parseOptions;

    // One instance per project per review (ProjectLayout caches them): identity is equality, and the hash does not
    // change when the parse options are first computed.
    public bool Equals(ProjectInfo? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>A file outside any project: today's defaults (the newest C#, .NET's defines, no global usings).</summary>
    public static ProjectInfo Loose(string directory) => new(directory, null, [], null, false);

    /// <summary>The analyzer's view of a static MSBuild evaluation.</summary>
    public static ProjectInfo From(string directory, ProjectEvaluation evaluation)
    {
        var framework = TargetFrameworkMoniker.Parse(evaluation.Property("TargetFramework"));
        var packages = PackagesOf(evaluation);
        var (language, languageSource) = Language(evaluation.Property("LangVersion"), framework);
        var usings = evaluation.ItemsOf("Using")
            .Select(item => new GlobalUsing(
                item.Identity,
                item.Metadatum("Alias") is { Length: > 0 } alias ? alias : null,
                ProjectEvaluation.IsTrueValue(item.Metadatum("Static")),
                item.DefinedIn))
            .DistinctBy(u => (u.Name, u.Alias, u.IsStatic))
            .ToList();
        var noWarnSource = evaluation.Properties.TryGetValue("NoWarn", out var noWarnProperty) ? $"NoWarn in {noWarnProperty.Place}" : "";
        var noWarn = (evaluation.Property("NoWarn") ?? "").Split(';', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => code.All(char.IsDigit) ? "CS" + code.PadLeft(4, '0') : code.ToUpperInvariant())
            .Where(code => code.All(c => char.IsLetterOrDigit(c) || c == '_'))
            .Distinct(StringComparer.Ordinal)
            .Select(code => (code, noWarnSource))
            .ToList();
        var isTestProject = evaluation.IsTrue("IsTestProject")
            || evaluation.ItemsOf("PackageReference").Any(p => p.Identity.Equals("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase))
            || evaluation.Sdks.Any(s => s.Equals("MSTest.Sdk", StringComparison.OrdinalIgnoreCase));
        return new ProjectInfo(directory, evaluation.ProjectPath, usings, evaluation.Property("OutputType") is { Length: > 0 } output ? output.Trim() : "Library", isTestProject)
        {
            NoWarn = noWarn,
            GeneratesDocumentation = evaluation.IsTrue("GenerateDocumentationFile") || !string.IsNullOrWhiteSpace(evaluation.Property("DocumentationFile")),
            TargetFramework = framework?.Moniker,
            LanguageVersion = language,
            LanguageVersionSource = languageSource,
            Nullable = (evaluation.Property("Nullable") ?? "").Trim().ToLowerInvariant() switch
            {
                "enable" or "true" => NullableContextOptions.Enable,
                "warnings" => NullableContextOptions.Warnings,
                "annotations" => NullableContextOptions.Annotations,
                _ => NullableContextOptions.Disable,
            },
            Defines = framework is null ? [.. ReferenceSet.ParseOptions.PreprocessorSymbolNames] : DefinesOf(evaluation, framework),
            Evaluation = evaluation,
            AssemblyName = evaluation.Property("AssemblyName") is { Length: > 0 } assembly
                ? assembly.Trim()
                : Path.GetFileNameWithoutExtension(evaluation.ProjectPath),
            CompileFiles = evaluation.IsRead
                ? evaluation.ItemsOf("Compile").Select(i => i.Identity).Where(p => p.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList()
                : null,
            Packages = packages,
            PackageRequests = PackageRequestsOf(evaluation, framework, packages),
            ProjectReferences = evaluation.ItemsOf("ProjectReference").Select(i => i.Identity)
                .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList(),
        };
    }

    /// <summary>The targeting pack that holds ASP.NET Core's shared framework as reference assemblies, a package like any other.</summary>
    internal const string AspNetCoreTargetingPack = "Microsoft.AspNetCore.App.Ref";

    private static List<PackageRequest> PackageRequestsOf(ProjectEvaluation evaluation, TargetFrameworkMoniker? framework, List<string> packages)
    {
        var requests = PackageReferencesOf(evaluation);
        // A web project builds against ASP.NET Core's shared framework: its targeting pack, of the framework's major
        // version (the lowest published, as NuGet picks), after the project's own references, which win a name both hold.
        if (packages.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase)
            && framework is { Identifier: TargetFrameworkMoniker.NetCoreApp, Version.Major: >= 5 and var major })
        {
            requests.Add(new PackageRequest(AspNetCoreTargetingPack, $"[{major}.0.0, {major + 1}.0.0)"));
        }

        return requests;
    }

    private static List<PackageRequest> PackageReferencesOf(ProjectEvaluation evaluation)
    {
        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in evaluation.ItemsOf("PackageVersion"))
        {
            if (NonEmpty(version.Metadatum("Version")) is { } value) central[version.Identity.Trim()] = value;
        }

        return evaluation.ItemsOf("PackageReference")
            .Where(CompilesAgainst)
            .Select(item => new PackageRequest(
                item.Identity.Trim(),
                NonEmpty(item.Metadatum("VersionOverride")) ?? NonEmpty(item.Metadatum("Version")) ?? central.GetValueOrDefault(item.Identity.Trim())))
            .Where(request => request.Id.Length > 0)
            .DistinctBy(request => request.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>False for a reference whose compile assets are excluded (<c>ExcludeAssets</c>, or <c>IncludeAssets</c> without them).</summary>
    private static bool CompilesAgainst(EvaluatedItem reference)
    {
        static bool Names(string? list, string asset) =>
            list is not null && list.Split(';', StringSplitOptions.TrimEntries).Any(a => a.Equals(asset, StringComparison.OrdinalIgnoreCase) || a.Equals("all", StringComparison.OrdinalIgnoreCase));
        var include = NonEmpty(reference.Metadatum("IncludeAssets"));
        return !Names(reference.Metadatum("ExcludeAssets"), "compile") && (include is null || Names(include, "compile"));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> PackagesOf(ProjectEvaluation evaluation)
    {
        var packages = evaluation.ItemsOf("PackageReference").Concat(evaluation.ItemsOf("FrameworkReference")).Select(i => i.Identity).ToList();
        // ASP.NET Core's shared framework carries Microsoft.Extensions.* as well; the desktop one System.Windows.* and
        // System.Drawing.* (namespaces .NET's own reference assemblies also declare in part).
        if (evaluation.Sdks.Any(s => s.StartsWith("Microsoft.NET.Sdk.", StringComparison.OrdinalIgnoreCase) && !s.Equals("Microsoft.NET.Sdk.WindowsDesktop", StringComparison.OrdinalIgnoreCase))
            || packages.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase))
        {
            packages.AddRange(["Microsoft.AspNetCore.App", "Microsoft.Extensions.App"]);
        }

        if (evaluation.IsTrue("UseWPF") || evaluation.IsTrue("UseWindowsForms") || packages.Contains("Microsoft.WindowsDesktop.App", StringComparer.OrdinalIgnoreCase))
        {
            packages.AddRange(["System.Windows", "System.Drawing", "Microsoft.Win32"]);
        }

        return [.. packages.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static (LanguageVersion, string) Language(string? langVersion, TargetFrameworkMoniker? framework)
    {
        if (!string.IsNullOrWhiteSpace(langVersion) && LanguageVersionFacts.TryParse(langVersion.Trim(), out var specified))
        {
            // latest and default mean the newest C# of the project's SDK; the reviewer's is .NET 10's, C# 14, not the
            // compiler package's own newest.
            var effective = specified is LanguageVersion.Latest or LanguageVersion.LatestMajor or LanguageVersion.Default
                ? ReferenceSet.ParseOptions.LanguageVersion
                : specified.MapSpecifiedToEffectiveVersion();
            return (effective, $"LangVersion {langVersion.Trim()}");
        }

        return framework is null
            ? (ReferenceSet.ParseOptions.LanguageVersion, "no target framework known: the newest the reviewer knows")
            : (framework.DefaultLanguageVersion, $"the default for {framework.Moniker}");
    }

    private static List<string> DefinesOf(ProjectEvaluation evaluation, TargetFrameworkMoniker framework)
    {
        var defines = (evaluation.Property("DefineConstants") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!evaluation.IsTrue("DisableImplicitConfigurationDefines") && evaluation.Property("Configuration") is { Length: > 0 } configuration)
        {
            defines.Add(configuration.Trim().ToUpperInvariant().Replace(' ', '_'));
        }

        if (!evaluation.IsTrue("DisableImplicitFrameworkDefines")) defines.AddRange(framework.ImplicitDefines());
        return defines.Where(d => d.All(c => char.IsLetterOrDigit(c) || c == '_')).Distinct(StringComparer.Ordinal).ToList();
    }
}
