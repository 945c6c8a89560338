using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Rules;
using ReviewBot.Engine.Text;
using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python;

/// <summary>
/// One parsed Python file as rules see it: the tree, the semantic model, an index of its functions, classes and calls,
/// what kind of file it is (test, package <c>__init__</c>, script, stub), and where findings go.
/// </summary>
public sealed partial class PythonFile
{
    private static readonly Dictionary<string, string> PyflakesCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["F401"] = "RBPY401",
        ["F841"] = "RBPY402",
    };

    private readonly List<Finding> _findings = [];
    private readonly Dictionary<int, HashSet<string>?> _noqa = [];
    private readonly HashSet<int> _nosec = [];
    private SemanticModel? _semantics;
    private SyntaxIndex? _index;
    private Dictionary<string, string>? _imports;

    public PythonFile(string path, string text, ModuleNode module, AnalysisThresholds thresholds, LineIndex? lines = null, RepositoryText? repository = null)
    {
        Repository = repository ?? RepositoryText.Empty;
        Path = path;
        Text = text;
        Module = module;
        Thresholds = thresholds;
        Lines = lines ?? new LineIndex(text);
        var name = System.IO.Path.GetFileName(path);
        var folders = path.Replace('\\', '/').Split('/')[..^1];
        IsTestFile = name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal)
            || name is "conftest.py" or "tests.py" or "test.py" || folders.Any(f => f is "tests" or "test" or "testing" or "_tests");
        IsPackageInit = name is "__init__.py" or "__init__.pyi";
        IsStub = name.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase);
        IsScript = name is "__main__.py" or "setup.py" or "manage.py" or "conftest.py" || text.StartsWith("#!", StringComparison.Ordinal)
            || folders.Any(f => f is "scripts" or "script" or "bin" or "tools" or "examples" or "docs")
            || module.Body.Any(IsMainGuard) || module.Body.Any(s => s is FunctionDefinition { Name: "main" });
        foreach (var comment in module.Comments) ReadPragmas(comment);
    }

    public string Path { get; }

    /// <summary>The other Python files of the repository, for rules that must know whether a name is used elsewhere.</summary>
    public RepositoryText Repository { get; }

    public string Text { get; }

    public LineIndex Lines { get; }

    public ModuleNode Module { get; }

    public AnalysisThresholds Thresholds { get; }

    /// <summary><c>test_*.py</c>, <c>*_test.py</c>, <c>conftest.py</c>, or under a <c>tests/</c> folder.</summary>
    public bool IsTestFile { get; }

    public bool IsPackageInit { get; }

    public bool IsStub { get; }

    /// <summary>A program rather than a library: <c>__main__</c> guard, shebang, <c>main()</c>, or a scripts folder.</summary>
    public bool IsScript { get; }

    public SemanticModel Semantics => _semantics ??= Timed("python: semantic model", () => SemanticModel.Build(Module));

    public SyntaxIndex Index => _index ??= Timed("python: syntax index", () => SyntaxIndex.Build(Module, IsTestFile));

    /// <summary>Where the review records the time its work takes; null when nobody asked.</summary>
    public ReviewTimings? Timings { get; init; }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>What each imported name stands for: <c>sp</c> for <c>subprocess</c>, <c>system</c> for <c>os.system</c>.</summary>
    public IReadOnlyDictionary<string, string> Imports => _imports ??= BuildImports();

    /// <summary>
    /// The dotted name an expression refers to with imports resolved: <c>sp.run</c> after <c>import subprocess as sp</c>
    /// is <c>subprocess.run</c>; <c>loads</c> after <c>from pickle import loads</c> is <c>pickle.loads</c>.
    /// </summary>
    public string? QualifiedName(Expression expression) => expression switch
    {
        NameExpression name => Imports.GetValueOrDefault(name.Id, name.Id),
        AttributeExpression attribute when QualifiedName(attribute.Value) is { } prefix => prefix + "." + attribute.Name,
        _ => null,
    };

    private Dictionary<string, string> BuildImports()
    {
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in Semantics.Scopes)
        {
            foreach (var bindings in scope.Bindings.Values)
            {
                foreach (var binding in bindings)
                {
                    if (binding.Node is not ImportAlias alias) continue;
                    if (binding.Statement is ImportFromStatement { Level: 0, Module: { } module })
                    {
                        imports.TryAdd(binding.Name, module + "." + alias.Name);
                    }
                    else if (binding.Statement is ImportStatement)
                    {
                        imports.TryAdd(binding.Name, alias.AsName is null ? binding.Name : alias.Name);
                    }
                }
            }
        }

        return imports;
    }

    /// <summary>The source text of a node (its first line when it spans several and <paramref name="firstLineOnly"/>).</summary>
    public string TextOf(Node node, bool firstLineOnly = false)
    {
        if (node.Line == node.EndLine || firstLineOnly)
        {
            var line = Lines.GetLine(node.Line);
            var start = Math.Clamp(node.Column - 1, 0, line.Length);
            var end = node.Line == node.EndLine ? Math.Clamp(node.EndColumn - 1, start, line.Length) : line.Length;
            return line[start..end];
        }

        var from = Lines.LineStart(node.Line) + node.Column - 1;
        var to = Lines.LineStart(node.EndLine) + node.EndColumn - 1;
        return Text[from..Math.Min(to, Text.Length)];
    }

    /// <summary>The leading whitespace of a line.</summary>
    public string IndentOf(int line)
    {
        var text = Lines.GetLine(line);
        return text[..(text.Length - text.TrimStart().Length)];
    }

    /// <summary>
    /// Reports a finding on <paramref name="node"/>; a <c># noqa</c> on its line, or on <paramref name="statementLine"/>
    /// (the first line of a multi-line statement, where flake8 users put it), suppresses it.
    /// </summary>
    public void Report(RuleDescriptor rule, Node node, string message, Suggestion? suggestion = null, int? statementLine = null)
    {
        if (statementLine is { } line && IsSuppressed(rule, line)) return;
        Report(rule, node.Line, node.Column, node.EndLine, node.EndColumn, message, suggestion);
    }

    public void Report(RuleDescriptor rule, int line, int column, int endLine, int endColumn, string message, Suggestion? suggestion = null)
    {
        if (IsSuppressed(rule, line)) return;
        _findings.Add(IsTestFile
            ? rule.CreateTestCodeFinding(Path, line, column, endLine, endColumn, message, suggestion)
            : rule.CreateFinding(Path, line, column, endLine, endColumn, message, suggestion));
    }

    private bool IsSuppressed(RuleDescriptor rule, int line)
    {
        if (rule.Category == Category.Security && _nosec.Contains(line)) return true;
        if (!_noqa.TryGetValue(line, out var codes)) return false;
        return codes is null || codes.Contains(rule.Id);
    }

    private void ReadPragmas(Comment comment)
    {
        var match = NoqaPattern().Match(comment.Text);
        if (match.Success)
        {
            if (!match.Groups["codes"].Success)
            {
                _noqa[comment.Line] = null;
            }
            else if (!_noqa.TryGetValue(comment.Line, out var existing) || existing is not null)
            {
                var codes = existing ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var code in match.Groups["codes"].Value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    codes.Add(PyflakesCodes.GetValueOrDefault(code, code));
                }

                _noqa[comment.Line] = codes;
            }
        }

        if (comment.Text.Contains("nosec", StringComparison.Ordinal)) _nosec.Add(comment.Line);
    }

    private static bool IsMainGuard(Statement statement) =>
        statement is IfStatement { Test: CompareExpression { Left: NameExpression { Id: "__name__" } } };

    [GeneratedRegex(@"#\s*noqa(?::[\s]?(?<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", RegexOptions.IgnoreCase)]
    private static partial Regex NoqaPattern();

    // Built lazily by whichever rule asks first; timed as itself, not as that rule.
    private T Timed<T>(string work, Func<T> build)
    {
        using var timing = Timings?.Work(work);
        return build();
    }
}
