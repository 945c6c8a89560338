using System.Xml.Linq;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// MSBuild's evaluation pass, read statically. Properties are evaluated in document order through every import
/// (the SDK's <c>Sdk.props</c> with <c>Directory.Build.props</c> and <c>Directory.Packages.props</c> before the project,
/// <c>Sdk.targets</c> with <c>Directory.Build.targets</c> after it); items are evaluated afterwards, in document order,
/// against the final properties, as MSBuild does. Targets, tasks and restore, the execution pass, never happen.
/// A multi-targeting project is evaluated for its newest .NET framework, the way an inner build is. Every read is
/// bounded; a problem is a <see cref="ReaderNotice"/>, never an exception.
/// </summary>
internal sealed class ProjectEvaluator : IExpansionScope
{
    public const int MaxImports = 64;
    public const int MaxImportDepth = 16;

    /// <summary>Import elements followed per evaluation: each wildcard import lists the repository's files.</summary>
    public const int MaxImportElements = 256;

    /// <summary>The longest wildcard pattern an import may use.</summary>
    public const int MaxWildcardLength = 260;
    public const int MaxElements = 20_000;

    /// <summary>
    /// Wildcard patterns and <c>Remove</c>/<c>Update</c> operations on file items (<c>Compile</c>, <c>ProjectReference</c>
    /// ...) per evaluation: each one scans the repository's files or the project's items.
    /// </summary>
    public const int MaxFileItemOperations = 1_000;
    public const int MaxItems = 20_000;
    private const int MaxUnevaluated = 50;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "MSBuildThisFile", "MSBuildThisFileDirectory", "MSBuildThisFileName", "MSBuildThisFileExtension", "MSBuildThisFileFullPath",
        "MSBuildProjectDirectory", "MSBuildProjectFile", "MSBuildProjectName", "MSBuildProjectExtension", "MSBuildProjectFullPath",
        "MSBuildExtensionsPath", "MSBuildExtensionsPath32", "MSBuildExtensionsPath64", "MSBuildToolsPath", "MSBuildBinPath", "MSBuildSDKsPath",
        "MSBuildToolsPath32", "MSBuildToolsPath64", "NuGetPackageRoot", "MSBuildToolsVersion", "MSBuildRuntimeType", "MSBuildVersion", "OS",
    };

    private static readonly HashSet<string> ItemAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Include", "Exclude", "Remove", "Update", "Condition", "KeepMetadata", "RemoveMetadata", "KeepDuplicates", "MatchOnMetadata", "MatchOnMetadataOptions",
    };

    private readonly ProjectFiles _files;
    private readonly string _projectPath;
    private readonly string _projectDirectory;
    private readonly string _projectFolder;
    private readonly Dictionary<string, EvaluatedProperty> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _global = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PendingItems> _pendingItems = [];
    private readonly List<EvaluatedItem> _items = [];
    private readonly List<string> _imports = [];
    private readonly HashSet<string> _imported = new(StringComparer.Ordinal);
    private readonly List<string> _stack = [];
    private readonly List<ReaderNotice> _notices = [];
    private readonly List<string> _unevaluated = [];
    private readonly List<string> _sdks = [];
    private bool _propsDone;
    private bool _targetsDone;
    private bool _defaultCompileItemsAdded;
    private int _fileItemOperations;
    private int _elements;
    private int _importElements;
    private bool _conditionOnImport;
    private string _currentFile;

    private ProjectEvaluator(ProjectFiles files, string projectPath, string? targetFramework)
    {
        _files = files;
        _projectPath = projectPath;
        _projectDirectory = MsBuildPath.DirectoryOf(projectPath);
        _projectFolder = MsBuildPath.FolderOf(projectPath);
        _currentFile = projectPath;
        if (targetFramework is not null) _global["TargetFramework"] = targetFramework;
    }

    /// <summary>Evaluates <paramref name="projectPath"/> (repository-relative), for its newest .NET framework when it multi-targets.</summary>
    public static ProjectEvaluation Evaluate(ProjectFiles files, string projectPath)
    {
        var outer = new ProjectEvaluator(files, projectPath, null).Run();
        if (!string.IsNullOrWhiteSpace(outer.Property("TargetFramework")) || outer.Property("TargetFrameworks") is not { } list) return outer;
        var declared = list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (TargetFrameworkMoniker.Newest(declared.Select(TargetFrameworkMoniker.Parse).OfType<TargetFrameworkMoniker>()) is not { } newest) return outer;
        return new ProjectEvaluator(files, projectPath, newest.Moniker).Run() with { TargetFrameworks = declared };
    }

    private ProjectEvaluation Run()
    {
        foreach (var (name, value) in _global) _properties[name] = new EvaluatedProperty(value, "(global property)");
        var (root, problem) = _files.Load(_projectPath);
        if (root is null)
        {
            _notices.Add(new ReaderNotice(_projectPath, $"The project file was not read: {problem}; defaults were used."));
        }
        else
        {
            _imported.Add(_projectPath);
            _imports.Add(_projectPath);
            var sdkNames = (root.Attribute("Sdk")?.Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat(root.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => e.Attribute("Name")?.Value ?? ""))
                .Select(KnownSdks.NameOf)
                .Where(n => n.Length > 0)
                .ToList();
            foreach (var sdk in sdkNames) SdkProps(sdk);
            Process(root, _projectPath, 0);
            foreach (var sdk in sdkNames) SdkTargets(sdk);
        }

        EvaluateItems();
        return new ProjectEvaluation
        {
            ProjectPath = _projectPath,
            Sdks = _sdks,
            Properties = _properties,
            Items = _items,
            Imports = _imports,
            Notices = _notices,
            Unevaluated = _unevaluated,
        };
    }

    // ---- the property pass -------------------------------------------------------------------------------------

    private void Process(XElement project, string file, int depth)
    {
        _stack.Add(file);
        var previous = _currentFile;
        _currentFile = file;
        ProcessElements(project.Elements(), file, depth);
        _currentFile = previous;
        _stack.RemoveAt(_stack.Count - 1);
    }

    private void ProcessElements(IEnumerable<XElement> elements, string file, int depth)
    {
        foreach (var element in elements)
        {
            if (!CountElement()) return;
            switch (element.Name.LocalName)
            {
                case "PropertyGroup":
                    if (Condition(element)) SetProperties(element);
                    break;
                case "ItemGroup":
                    _pendingItems.Add(new PendingItems(element, file, null));
                    break;
                case "Import":
                    Import(element, depth);
                    break;
                case "ImportGroup":
                    if (!Condition(element)) break;
                    foreach (var import in element.Elements().Where(e => e.Name.LocalName == "Import")) Import(import, depth);
                    break;
                case "Choose":
                    // The first When whose condition holds, else Otherwise; its groups are read in place.
                    var branch = element.Elements().FirstOrDefault(b => b.Name.LocalName == "Otherwise" || (b.Name.LocalName == "When" && Condition(b)));
                    if (branch is not null) ProcessElements(branch.Elements(), file, depth);
                    break;
            }
        }
    }

    private void SetProperties(XElement group)
    {
        foreach (var property in group.Elements())
        {
            if (!CountElement()) return;
            if (!Condition(property)) continue;
            try
            {
                var line = property is System.Xml.IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : (int?)null;
                Set(property.Name.LocalName, PropertyExpander.Expand(property.Value.Trim(), this), _currentFile, line);
            }
            catch (UnknownExpressionException unknown)
            {
                Unevaluated($"{_currentFile}: <{property.Name.LocalName}> uses {unknown.Expression}; its earlier value was kept");
            }
        }
    }

    private void Import(XElement import, int depth)
    {
        if (!Condition(import)) return;
        if (++_importElements > MaxImportElements)
        {
            Notice(_projectPath, $"Its project files hold more than {MaxImportElements} imports; the rest were not followed.");
            return;
        }

        if (import.Attribute("Sdk")?.Value is { } sdk)
        {
            var which = import.Attribute("Project")?.Value ?? "";
            if (which.EndsWith("Sdk.props", StringComparison.OrdinalIgnoreCase)) SdkProps(KnownSdks.NameOf(sdk));
            else if (which.EndsWith("Sdk.targets", StringComparison.OrdinalIgnoreCase)) SdkTargets(KnownSdks.NameOf(sdk));
            return;
        }

        string expanded;
        try
        {
            expanded = PropertyExpander.Expand(import.Attribute("Project")?.Value ?? "", this);
        }
        catch (UnknownExpressionException unknown)
        {
            Unevaluated($"{_currentFile}: an <Import> uses {unknown.Expression}; it was not followed");
            return;
        }

        foreach (var part in expanded.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var full = MsBuildPath.Resolve(part, MsBuildPath.DirectoryOf(_currentFile));
            if (MsBuildPath.IsToolset(full))
            {
                // A project in the pre-SDK format imports the toolset's common files by path; they stand for the SDK's.
                if (full.EndsWith("/Microsoft.Common.props", StringComparison.OrdinalIgnoreCase)) DirectoryFilesBefore();
                else if (full.EndsWith("/Microsoft.CSharp.targets", StringComparison.OrdinalIgnoreCase)) DirectoryFilesAfter();
                continue;
            }

            if (MsBuildPath.ToRepository(full) is not { } path)
            {
                Notice(_currentFile, $"It imports '{part}', which is outside the repository; that import was not read.");
                continue;
            }

            if (MsBuildPath.HasWildcard(path) && path.Length > MaxWildcardLength)
            {
                Notice(_currentFile, $"It imports by a wildcard pattern over {MaxWildcardLength} characters; that import was not followed.");
            }
            else if (MsBuildPath.HasWildcard(path))
            {
                foreach (var match in _files.Match(path)) ImportFile(match, depth + 1, reportMissing: false);
            }
            else
            {
                ImportFile(path, depth + 1, reportMissing: true);
            }
        }
    }

    private void ImportFile(string path, int depth, bool reportMissing)
    {
        if (_files.Find(path) is not { } found)
        {
            if (reportMissing) Notice(_currentFile, $"It imports '{path}', which is not in the repository at this revision; that import was skipped.");
            return;
        }

        if (_stack.Contains(found))
        {
            var cycle = string.Join(" -> ", _stack.SkipWhile(f => f != found).Append(found));
            Notice(_currentFile, $"Its imports form a cycle ({cycle}); the cycle was not followed.");
            return;
        }

        // MSBuild imports a file once per project and ignores later imports of it.
        if (_imported.Contains(found)) return;
        if (depth > MaxImportDepth)
        {
            Notice(_currentFile, $"Its imports nest more than {MaxImportDepth} deep; '{found}' was not read.");
            return;
        }

        if (_imported.Count >= MaxImports)
        {
            Notice(_currentFile, $"The project imports more than {MaxImports} files; '{found}' and later imports were not read.");
            return;
        }

        var (root, problem) = _files.Load(found);
        if (root is null)
        {
            Notice(found, $"It was not read: {problem}.");
            return;
        }

        _imported.Add(found);
        _imports.Add(found);
        Process(root, found, depth);
    }

    /// <summary>What <c>Sdk.props</c> does: <c>Directory.Build.props</c>, <c>Directory.Packages.props</c>, then the SDK's defaults.</summary>
    private void SdkProps(string sdk)
    {
        if (!_sdks.Contains(sdk, StringComparer.OrdinalIgnoreCase)) _sdks.Add(sdk);
        var name = KnownSdks.IsKnown(sdk) ? sdk : KnownSdks.Default;
        DirectoryFilesBefore();
        foreach (var (property, value) in KnownSdks.PropsDefaults(name)) Default(property, value, $"{sdk} (SDK default)");
        _pendingItems.Add(new PendingItems(null, _currentFile, name));
    }

    private void DirectoryFilesBefore()
    {
        if (_propsDone) return;
        _propsDone = true;
        Default("Configuration", "Debug", "(SDK default)");
        Default("Platform", "AnyCPU", "(SDK default)");
        ImportNearest("Directory.Build.props", "ImportDirectoryBuildProps");
        ImportNearest("Directory.Packages.props", "ImportDirectoryPackagesProps");

        Default("EnableDefaultCompileItems", "true", "(SDK default)");
        var defines = Property("DefineConstants");
        Set("DefineConstants", string.IsNullOrEmpty(defines) ? "TRACE" : defines + ";TRACE", "(SDK default)");
    }

    /// <summary>The nearest <paramref name="fileName"/> at or above the project, unless <paramref name="switchProperty"/> is false.</summary>
    private void ImportNearest(string fileName, string switchProperty)
    {
        if (!IsFalse(switchProperty) && _files.NearestAbove(_projectFolder, fileName) is { } nearest) ImportFile(nearest, 1, reportMissing: false);
    }

    /// <summary>What <c>Sdk.targets</c> does before the project's targets: infer the framework's identity, then <c>Directory.Build.targets</c>.</summary>
    private void SdkTargets(string sdk)
    {
        if (_targetsDone) return;
        if (TargetFrameworkMoniker.Parse(Property("TargetFramework")) is { } framework)
        {
            Default("TargetFrameworkIdentifier", framework.Identifier, $"{sdk} (from TargetFramework)");
            Default("TargetFrameworkVersion", framework.VersionText, $"{sdk} (from TargetFramework)");
            if (framework.Platform.Length > 0) Default("TargetPlatformIdentifier", framework.Platform, $"{sdk} (from TargetFramework)");
        }

        DirectoryFilesAfter();
    }

    private void DirectoryFilesAfter()
    {
        if (_targetsDone) return;
        _targetsDone = true;
        ImportNearest("Directory.Build.targets", "ImportDirectoryBuildTargets");
    }

    // ---- the item pass -----------------------------------------------------------------------------------------

    private void EvaluateItems()
    {
        foreach (var pending in _pendingItems)
        {
            _currentFile = pending.File;
            if (pending.Sdk is { } sdk)
            {
                var enabled = Property("ImplicitUsings")?.Trim().ToLowerInvariant() is "enable" or "true";
                // Windows desktop projects (WPF, Windows Forms) drop System.IO and System.Net.Http from the list.
                var desktop = ProjectEvaluation.IsTrueValue(Property("UseWPF")) || ProjectEvaluation.IsTrueValue(Property("UseWindowsForms"));
                var usings = (enabled ? KnownSdks.ImplicitUsings(sdk) : [])
                    .Where(name => !desktop || name is not ("System.IO" or "System.Net.Http"))
                    .Concat(KnownSdks.AlwaysUsings(sdk));
                foreach (var name in usings) AddItem(new EvaluatedItem("Using", name, new Dictionary<string, string>(), $"{sdk} (implicit usings)"));
                AddDefaultCompileItems(sdk);
                continue;
            }

            if (!Condition(pending.Group!)) continue;
            foreach (var element in pending.Group!.Elements())
            {
                if (!CountElement()) return;
                if (Condition(element)) ApplyItem(element);
            }
        }
    }

    private void ApplyItem(XElement element)
    {
        var type = element.Name.LocalName;
        try
        {
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var attribute in element.Attributes().Where(a => !ItemAttributes.Contains(a.Name.LocalName)))
            {
                metadata[attribute.Name.LocalName] = PropertyExpander.Expand(attribute.Value, this);
            }

            foreach (var child in element.Elements().Where(Condition))
            {
                metadata[child.Name.LocalName] = PropertyExpander.Expand(child.Value.Trim(), this);
            }

            if (element.Attribute("Include")?.Value is { } include)
            {
                foreach (var identity in Included(type, include, element.Attribute("Exclude")?.Value))
                {
                    AddItem(new EvaluatedItem(type, identity, metadata, _currentFile));
                }

                return;
            }

            var remove = element.Attribute("Remove")?.Value;
            if ((remove ?? element.Attribute("Update")?.Value) is not { } list || Selector(type, list) is not { } selected) return;
            if (remove is not null)
            {
                _items.RemoveAll(i => i.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && selected(i.Identity));
                return;
            }

            for (var i = 0; i < _items.Count; i++)
            {
                var item = _items[i];
                if (!item.Type.Equals(type, StringComparison.OrdinalIgnoreCase) || !selected(item.Identity)) continue;
                var merged = new Dictionary<string, string>(item.Metadata, StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in metadata) merged[key] = value;
                _items[i] = item with { Metadata = merged };
            }
        }
        catch (UnknownExpressionException unknown)
        {
            Unevaluated($"{_currentFile}: a <{type}> item uses {unknown.Expression}; it was skipped");
        }
    }

    /// <summary>Items whose identities are files the review reads: resolved against the project's folder and matched as paths.</summary>
    private static bool IsFileItem(string type) => FileItemTypes.Contains(type);

    private static readonly HashSet<string> FileItemTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Compile", "ProjectReference", "GlobalAnalyzerConfigFiles", "EditorConfigFiles",
    };

    /// <summary>
    /// The identities an <c>Include</c> adds, less its <c>Exclude</c>. For a file item (<c>Compile</c>,
    /// <c>ProjectReference</c>, analyzer config) they are paths relative to the project, wildcards expanded over the
    /// repository's files, so its identities are repository-relative paths; a path outside the repository is left out
    /// with a notice.
    /// </summary>
    private IEnumerable<string> Included(string type, string include, string? exclude)
    {
        if (!IsFileItem(type))
        {
            var excluded = Split(exclude);
            return Split(include).Where(i => !excluded.Contains(i));
        }

        var included = FilePaths(include, type);
        var excludedPaths = FilePaths(exclude, type);
        return included.Literals.Select(path => _files.Find(path) ?? path)
            .Concat(included.Globs.SelectMany(glob => _files.Match(glob)))
            .Distinct(StringComparer.Ordinal)
            .Where(path => !excludedPaths.Matches(path))
            .ToList();
    }

    /// <summary>Which existing items a <c>Remove</c> or <c>Update</c> list selects; null when the file-item bound is reached.</summary>
    private Func<string, bool>? Selector(string type, string list)
    {
        if (!IsFileItem(type)) return Split(list).Contains;
        return CountFileItemOperation() ? FilePaths(list, type).Matches : null;
    }

    /// <summary>Each wildcard and each <c>Remove</c> or <c>Update</c> of file items scans the repository or the items: bounded.</summary>
    private bool CountFileItemOperation()
    {
        if (++_fileItemOperations <= MaxFileItemOperations) return true;
        Notice(_projectPath, $"Its project files hold more than {MaxFileItemOperations:N0} wildcards or Remove/Update operations on file items; the rest were not applied.");
        return false;
    }

    /// <summary>
    /// A list of item paths resolved against the project's folder: exact paths and wildcard patterns. A path outside the
    /// repository, a wildcard over <see cref="MaxWildcardLength"/> characters, or one past the operation bound is dropped with a notice.
    /// </summary>
    private FilePathMatcher FilePaths(string? list, string type)
    {
        var set = new FilePathMatcher();
        if (list is null) return set;
        foreach (var part in PropertyExpander.Expand(list, this).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var full = MsBuildPath.Resolve(part, _projectDirectory);
            if (MsBuildPath.ToRepository(full) is not { Length: > 0 } path)
            {
                Notice(_currentFile, $"A <{type}> item names '{part}', which is outside the repository; it was left out.");
            }
            else if (!MsBuildPath.HasWildcard(path))
            {
                set.Literals.Add(path);
            }
            else if (path.Length > MaxWildcardLength)
            {
                Notice(_currentFile, $"A <{type}> item uses a wildcard pattern over {MaxWildcardLength} characters; it was left out.");
            }
            else if (CountFileItemOperation())
            {
                set.Globs.Add(path);
            }
        }

        return set;
    }

    /// <summary>
    /// The SDK's own <c>Compile Include="**/*.cs"</c>, at its place before the project's items: every <c>.cs</c> file
    /// under the project's folder but those in <c>bin</c>, <c>obj</c> and dot folders (the SDK's default excludes) and
    /// those of a project nested below it (a build that compiles them twice would fail, so a project that builds
    /// removes them).
    /// </summary>
    private void AddDefaultCompileItems(string sdk)
    {
        if (_defaultCompileItemsAdded || IsFalse("EnableDefaultItems") || IsFalse("EnableDefaultCompileItems")) return;
        _defaultCompileItemsAdded = true;
        foreach (var path in _files.SourceFilesOfProjectFolder(_projectFolder))
        {
            AddItem(new EvaluatedItem("Compile", path, new Dictionary<string, string>(), $"{sdk} (default items)"));
        }
    }

    private HashSet<string> Split(string? list) => list is null
        ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        : new HashSet<string>(
            PropertyExpander.Expand(list, this).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.OrdinalIgnoreCase);

    private void AddItem(EvaluatedItem item)
    {
        if (_items.Count >= MaxItems)
        {
            Notice(_projectPath, $"The project defines more than {MaxItems:N0} items; later items were not read.");
            return;
        }

        _items.Add(item);
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private bool Condition(XElement element)
    {
        var condition = element.Attribute("Condition")?.Value;
        if (condition is null) return true;
        _conditionOnImport = element.Name.LocalName is "Import" or "ImportGroup";
        var result = ConditionEvaluator.Evaluate(condition, this);
        _conditionOnImport = false;
        if (result is null) Unevaluated($"{_currentFile}: the condition \"{(condition.Length > 120 ? condition[..117] + "..." : condition.Trim())}\" was not evaluated; taken as false");
        return result == true;
    }

    private bool CountElement()
    {
        if (++_elements <= MaxElements) return true;
        if (_elements == MaxElements + 1) Notice(_projectPath, $"Its project files hold more than {MaxElements:N0} elements; the rest was not read.");
        return false;
    }

    private void Set(string name, string value, string definedIn, int? line = null)
    {
        if (_global.ContainsKey(name) || Reserved(name) is not null) return;
        _properties[name] = new EvaluatedProperty(value, definedIn, line);
    }

    private void Default(string name, string value, string definedIn)
    {
        if (string.IsNullOrEmpty(Property(name))) Set(name, value, definedIn);
    }

    private bool IsFalse(string name) => Property(name)?.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) == true;

    private void Notice(string path, string message)
    {
        if (!_notices.Any(n => n.Path == path && n.Message == message)) _notices.Add(new ReaderNotice(path, message));
    }

    private void Unevaluated(string text)
    {
        if (_unevaluated.Count < MaxUnevaluated && !_unevaluated.Contains(text)) _unevaluated.Add(text);
    }

    public string? Property(string name) => Reserved(name) ?? (_properties.TryGetValue(name, out var property) ? property.Value : null);

    /// <summary>
    /// MSBuild's reserved and well-known properties. The toolset's folders point at <see cref="MsBuildPath.Toolset"/>;
    /// environment variables, which MSBuild also reads as properties, are never exposed: the server's environment
    /// holds its secrets.
    /// </summary>
    private string? Reserved(string name)
    {
        if (!ReservedNames.Contains(name)) return null;
        var file = _currentFile;
        var fileName = file[(file.LastIndexOf('/') + 1)..];
        var project = _projectPath[(_projectPath.LastIndexOf('/') + 1)..];
        return name.ToLowerInvariant() switch
        {
            "msbuildthisfile" => fileName,
            "msbuildthisfiledirectory" => MsBuildPath.DirectoryOf(file),
            "msbuildthisfilename" => Path.GetFileNameWithoutExtension(fileName),
            "msbuildthisfileextension" => Path.GetExtension(fileName),
            "msbuildthisfilefullpath" => MsBuildPath.Full(file),
            "msbuildprojectdirectory" => _projectDirectory.TrimEnd('/'),
            "msbuildprojectfile" => project,
            "msbuildprojectname" => Path.GetFileNameWithoutExtension(project),
            "msbuildprojectextension" => Path.GetExtension(project),
            "msbuildprojectfullpath" => MsBuildPath.Full(_projectPath),
            "msbuildextensionspath" or "msbuildextensionspath32" or "msbuildextensionspath64" or "msbuildtoolspath" or "msbuildbinpath"
                or "msbuildsdkspath" or "msbuildtoolspath32" or "msbuildtoolspath64" => MsBuildPath.Toolset + "msbuild/",
            "nugetpackageroot" => MsBuildPath.Toolset + "nuget/",
            "msbuildtoolsversion" => "Current",
            "msbuildruntimetype" => "Core",
            "msbuildversion" => "17.14.0",
            "os" => "Unix",
            _ => null,
        };
    }

    string IExpansionScope.ThisFileDirectory => MsBuildPath.DirectoryOf(_currentFile);

    string IExpansionScope.ProjectDirectory => _projectDirectory;

    string IExpansionScope.ConditionDirectory => _conditionOnImport ? MsBuildPath.DirectoryOf(_currentFile) : _projectDirectory;

    bool IExpansionScope.FileExists(string fullPath) => MsBuildPath.ToRepository(fullPath) is { } path && _files.Find(path) is not null;

    bool IExpansionScope.DirectoryExists(string fullPath) => MsBuildPath.ToRepository(fullPath) is { } path && _files.DirectoryExists(path);

    /// <summary>An item group waiting for the item pass, or (with <see cref="Sdk"/>) the SDK's implicit usings at their place.</summary>
    private sealed record PendingItems(XElement? Group, string File, string? Sdk);

    /// <summary>Repository-relative item paths (case-insensitive, as on the Windows machines many projects are written on) and wildcard patterns over them.</summary>
    private sealed class FilePathMatcher
    {
        private List<System.Text.RegularExpressions.Regex>? _regexes;

        public HashSet<string> Literals { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Globs { get; } = [];

        public bool Matches(string path) =>
            Literals.Contains(path) || (_regexes ??= Globs.Select(MsBuildPath.Glob).ToList()).Any(glob => glob.IsMatch(path));
    }
}
