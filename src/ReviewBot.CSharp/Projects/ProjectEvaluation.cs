namespace ReviewBot.CSharp.Projects;

/// <summary>A property's final value and the file that last set it (an SDK default names the SDK), with the line when known.</summary>
internal sealed record EvaluatedProperty(string Value, string DefinedIn, int? Line = null)
{
    /// <summary>Where it was set, as users read it: <c>Directory.Build.props line 7</c>.</summary>
    public string Place => Line is { } line ? $"{DefinedIn} line {line}" : DefinedIn;
}

/// <summary>An item after evaluation: its type (<c>Using</c>, <c>PackageReference</c> ...), identity and metadata.</summary>
internal sealed record EvaluatedItem(string Type, string Identity, IReadOnlyDictionary<string, string> Metadata, string DefinedIn)
{
    public string? Metadatum(string name) => Metadata.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A problem the reader met in a project file (a cycle, an import outside the repository, a refused file).</summary>
internal sealed record ReaderNotice(string Path, string Message);

/// <summary>
/// What MSBuild's evaluation pass would make of one project, read statically: final properties, items, the files
/// imported in order, and what the reader could not read or evaluate.
/// </summary>
internal sealed record ProjectEvaluation
{
    public required string ProjectPath { get; init; }

    /// <summary>The project's SDKs, without versions (none for a project in the pre-SDK format).</summary>
    public required IReadOnlyList<string> Sdks { get; init; }

    public required IReadOnlyDictionary<string, EvaluatedProperty> Properties { get; init; }

    public required IReadOnlyList<EvaluatedItem> Items { get; init; }

    /// <summary>Every file read, repository-relative: the project first, then its imports in the order MSBuild imports them.</summary>
    public required IReadOnlyList<string> Imports { get; init; }

    public required IReadOnlyList<ReaderNotice> Notices { get; init; }

    /// <summary>Conditions and values the reader did not evaluate (the SDK default's branch was taken), for <c>explain</c>.</summary>
    public required IReadOnlyList<string> Unevaluated { get; init; }

    /// <summary>The frameworks the project lists in <c>TargetFrameworks</c>, when it multi-targets.</summary>
    public IReadOnlyList<string> TargetFrameworks { get; init; } = [];

    /// <summary>True when the project file itself was read (an unread one has nothing but its notice).</summary>
    public bool IsRead => Imports.Count > 0;

    public string? Property(string name) => Properties.TryGetValue(name, out var property) ? property.Value : null;

    public bool IsTrue(string name) => IsTrueValue(Property(name));

    /// <summary>True when an MSBuild value says <c>true</c> (any case, spaces around it ignored).</summary>
    public static bool IsTrueValue(string? value) => value?.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>An evaluation of a project that could not be read at all: nothing but the notice saying so.</summary>
    public static ProjectEvaluation Unread(string projectPath, ReaderNotice notice) => new()
    {
        ProjectPath = projectPath,
        Sdks = [],
        Properties = new Dictionary<string, EvaluatedProperty>(),
        Items = [],
        Imports = [],
        Notices = [notice],
        Unevaluated = [],
    };

    public IEnumerable<EvaluatedItem> ItemsOf(string type) => Items.Where(i => i.Type.Equals(type, StringComparison.OrdinalIgnoreCase));
}
