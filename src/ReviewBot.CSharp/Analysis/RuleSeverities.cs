using ReviewBot.CSharp.Projects;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// One setting of the repository that bears on a rule: its value (a severity, or <c>none</c> for <c>NoWarn</c>) and
/// where it is written, as <c>explain</c> shows it.
/// </summary>
internal sealed record RuleSetting(string Value, string Source);

/// <summary>What the repository's settings make of a rule in one file: off, or on at a severity, and which setting said so.</summary>
internal sealed record RuleDecision(bool Silenced, Severity? Severity, RuleSetting Because);

/// <summary>
/// The repository's own severities for the compiler and IDE diagnostics our C# rules mirror (and for our rule ids),
/// read as the compiler reads them: the project's <c>NoWarn</c> (and CS1591 only when it generates documentation)
/// above everything, then the file's <c>.editorconfig</c> chain (nearest folder last, up to the first
/// <c>root = true</c>; later sections win), then the project's global analyzer config (the nearest
/// <c>.globalconfig</c> and its <c>GlobalAnalyzerConfigFiles</c>). One per review: each config file is read once.
/// </summary>
internal sealed class RuleSeverities
{
    private const string EditorConfig = ".editorconfig";
    private readonly ProjectFiles _files;
    private readonly Dictionary<string, AnalyzerConfig?> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AnalyzerConfig>> _chains = new(StringComparer.Ordinal);
    private readonly Dictionary<ProjectInfo, (List<AnalyzerConfig> Global, Dictionary<string, RuleSetting> Absolute)> _projects = [];

    public RuleSeverities(ProjectFiles files) => _files = files;

    /// <summary>
    /// The settings that apply to <paramref name="path"/>, a file of <paramref name="project"/>. The config files are
    /// found once per folder and per project; the sections are matched per file, since a section may name one file.
    /// </summary>
    public FileSeverities For(string path, ProjectInfo project)
    {
        List<AnalyzerConfig> chain;
        (List<AnalyzerConfig> Global, Dictionary<string, RuleSetting> Absolute) projectSettings;
        lock (_configs)
        {
            var folder = MsBuildPath.FolderOf(path);
            if (!_chains.TryGetValue(folder, out chain!)) _chains[folder] = chain = EditorConfigChain(folder);
            if (!_projects.TryGetValue(project, out projectSettings)) _projects[project] = projectSettings = ([.. GlobalConfigs(project)], Absolute(project));
        }

        var settings = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        RuleSetting? generated = null;
        foreach (var config in projectSettings.Global)
        {
            foreach (var entry in config.Preamble) Apply(entry, settings, ref generated);
        }

        foreach (var config in chain)
        {
            foreach (var entry in config.EntriesFor(path)) Apply(entry, settings, ref generated);
        }

        return new FileSeverities(settings, projectSettings.Absolute) { GeneratedCode = generated };
    }

    private static void Apply(AnalyzerConfigEntry entry, Dictionary<string, RuleSetting> settings, ref RuleSetting? generated)
    {
        if (entry.Key.Equals("generated_code", StringComparison.OrdinalIgnoreCase))
        {
            var value = entry.Value.Trim().ToLowerInvariant();
            if (value is "true" or "false") generated = new RuleSetting(value, $"{entry.Key} = {entry.Value} in {entry.File} line {entry.Line}");
            return;
        }

        Apply(entry, settings);
    }

    private static void Apply(AnalyzerConfigEntry entry, Dictionary<string, RuleSetting> settings)
    {
        const string Prefix = "dotnet_diagnostic.";
        const string Suffix = ".severity";
        if (!entry.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !entry.Key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) return;
        var id = entry.Key[Prefix.Length..^Suffix.Length].ToUpperInvariant();
        if (id.Length == 0) return;
        settings[id] = new RuleSetting(entry.Value.ToLowerInvariant(), $"{entry.Key} = {entry.Value} in {entry.File} line {entry.Line}");
    }

    /// <summary>The project's <c>NoWarn</c>, and CS1591 when it does not generate documentation: off whatever else says.</summary>
    private static Dictionary<string, RuleSetting> Absolute(ProjectInfo project)
    {
        var absolute = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        if (project.ProjectFile is null) return absolute;
        foreach (var (id, source) in project.NoWarn) absolute[id] = new RuleSetting("none", source);
        if (!project.GeneratesDocumentation && !absolute.ContainsKey("CS1591"))
        {
            absolute["CS1591"] = new RuleSetting("none", $"GenerateDocumentationFile is not true in {project.ProjectFile}: the compiler reports no missing documentation");
        }

        return absolute;
    }

    private IEnumerable<AnalyzerConfig> GlobalConfigs(ProjectInfo project)
    {
        var paths = new List<string>();
        if (_files.NearestAbove(project.Directory, ".globalconfig") is { } nearest) paths.Add(nearest);
        foreach (var item in project.Evaluation?.ItemsOf("GlobalAnalyzerConfigFiles") ?? []) paths.Add(item.Identity);
        foreach (var item in project.Evaluation?.ItemsOf("EditorConfigFiles") ?? []) paths.Add(item.Identity);
        return paths.Distinct(StringComparer.Ordinal).Select(Load).OfType<AnalyzerConfig>().Where(c => c.IsGlobal);
    }

    /// <summary>The <c>.editorconfig</c> files that apply to a folder, farthest first, from the nearest <c>root = true</c>.</summary>
    private List<AnalyzerConfig> EditorConfigChain(string folder)
    {
        var chain = new List<AnalyzerConfig>();
        for (var current = folder; ; current = MsBuildPath.FolderOf(current))
        {
            if (Load(current.Length == 0 ? EditorConfig : current + "/" + EditorConfig) is { IsGlobal: false } config)
            {
                chain.Add(config);
                if (config.IsRoot) break;
            }

            if (current.Length == 0) break;
        }

        chain.Reverse();
        return chain;
    }

    private AnalyzerConfig? Load(string path)
    {
        if (_configs.TryGetValue(path, out var known)) return known;
        var config = _files.Find(path) is { } found && _files.ReadText(found) is { } text ? AnalyzerConfig.Parse(found, text) : null;
        _configs[path] = config;
        return config;
    }
}

/// <summary>The repository's settings for one file, and what they make of each rule.</summary>
internal sealed class FileSeverities(IReadOnlyDictionary<string, RuleSetting> settings, IReadOnlyDictionary<string, RuleSetting> absolute)
{
    public static FileSeverities None { get; } = new(new Dictionary<string, RuleSetting>(), new Dictionary<string, RuleSetting>());

    /// <summary>
    /// <c>generated_code = true|false</c> for the file, when the configuration says: it overrides the file's name and
    /// header, as it does for Roslyn's analyzers. Null when not set.
    /// </summary>
    public RuleSetting? GeneratedCode { get; init; }

    /// <summary>
    /// Off when the project's <c>NoWarn</c> names the rule or a diagnostic it mirrors; else the rule's own id decides
    /// when the configuration names it; else the diagnostics it mirrors that the configuration names: the most severe
    /// visible one sets the severity, and when every one named is <c>none</c> or <c>silent</c>, the rule is off. Null
    /// when nothing bears on the rule.
    /// </summary>
    public RuleDecision? Decide(CSharpRule rule)
    {
        var ids = rule.Counterparts.Prepend(rule.Descriptor.Id).ToList();
        if (ids.Select(id => absolute.GetValueOrDefault(id)).OfType<RuleSetting>().FirstOrDefault() is { } off) return new RuleDecision(true, null, off);
        if (settings.GetValueOrDefault(rule.Descriptor.Id) is { } own && Level(own.Value) is var (ownKnown, ownSeverity) && ownKnown)
        {
            return new RuleDecision(ownSeverity is null, ownSeverity, own);
        }

        var named = rule.Counterparts
            .Select(id => settings.GetValueOrDefault(id))
            .OfType<RuleSetting>()
            .Select(s => (Setting: s, Level: Level(s.Value)))
            .Where(x => x.Level.Known)
            .ToList();
        if (named.Count == 0) return null;
        var visible = named.Where(x => x.Level.Severity is not null).OrderByDescending(x => x.Level.Severity).FirstOrDefault();
        return visible.Setting is not null
            ? new RuleDecision(false, visible.Level.Severity, visible.Setting)
            : new RuleDecision(true, null, named[0].Setting);
    }

    /// <summary>A severity as the compiler reads it: known or not (<c>default</c> is not), and null for off.</summary>
    private static (bool Known, Severity? Severity) Level(string value) => value switch
    {
        "none" or "silent" or "hidden" => (true, null),
        "suggestion" or "info" => (true, Severity.Note),
        "warning" => (true, Severity.Warning),
        "error" => (true, Severity.Error),
        _ => (false, null),
    };
}
