using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// One changed file during its analysis: its tree, its semantic model, what is known about its project, and the
/// findings reported so far. Rules report through <see cref="Report(CSharpRule, SyntaxToken, string, Suggestion?)"/>,
/// which applies the C# suppressions.
/// </summary>
internal sealed class FileContext
{
    private readonly List<Finding> _findings = [];
    private readonly Suppressions _suppressions;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly Dictionary<SyntaxNode, bool> _testTypes = [];
    private readonly Dictionary<CSharpRule, RuleDecision?> _decisions = [];
    private IReadOnlyList<Microsoft.CodeAnalysis.Text.TextSpan>? _generated;

    public FileContext(
        SourceFile source, SyntaxTree tree, SemanticModel model, ProjectInfo project, AnalysisContext analysis, CancellationToken cancellationToken,
        FileSeverities? severities = null)
    {
        Severities = severities ?? FileSeverities.None;
        Source = source;
        Tree = tree;
        Root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        Model = model;
        Project = project;
        Analysis = analysis;
        CancellationToken = cancellationToken;
        _suppressions = new Suppressions(Root);
        _diagnostics = new(() =>
        {
            // Binding a whole file is done only when a rule needs the compiler's diagnostics; timed as itself. The
            // binding rules ask for as they go (a symbol, a type) counts as theirs.
            using var timing = analysis.Timings?.Work("csharp: semantic model (binding whole files)");
            return model.GetDiagnostics(cancellationToken: cancellationToken);
        });
        IsTestPath = TestCode.IsTestPath(source.Path) || project.IsTestProject;
        HasConditionalDirectives = Root.ContainsDirectives && Root.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.IfDirectiveTrivia));
    }

    public SourceFile Source { get; }

    public SyntaxTree Tree { get; }

    public CompilationUnitSyntax Root { get; }

    public SemanticModel Model { get; }

    public ProjectInfo Project { get; }

    /// <summary>The packages the file's project and the projects it references build against: assemblies the review lacks.</summary>
    public IReadOnlyList<string> PackagesInReach { get; init; } = [];

    public AnalysisContext Analysis { get; }

    /// <summary>The repository's own severities for this file (<c>NoWarn</c>, <c>.editorconfig</c>, <c>.globalconfig</c>).</summary>
    public FileSeverities Severities { get; }

    public AnalysisThresholds Thresholds => Analysis.Thresholds;

    public CancellationToken CancellationToken { get; }

    /// <summary>True when the file lies in a test project or a folder named like one.</summary>
    public bool IsTestPath { get; }

    /// <summary>
    /// True when the file has <c>#if</c> regions: code in an inactive region is not bound, so a rule that proves
    /// something unused asks <see cref="Unbound"/> whether its name is spelled there.
    /// </summary>
    public bool HasConditionalDirectives { get; }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Where a rule stayed silent because a name it could not see might change its answer (<c>reviewbot explain</c>).</summary>
    public IReadOnlyList<UndecidedFinding> Undecided => _undecided;

    private readonly List<UndecidedFinding> _undecided = [];

    /// <summary>The file's names that something unseen might serve (unbound, or in an inactive <c>#if</c> region).</summary>
    public UnboundNames Unbound => _unbound ??= new UnboundNames(this);

    private UnboundNames? _unbound;

    /// <summary>Records that <paramref name="rule"/> stayed silent at <paramref name="line"/>, and why.</summary>
    public void Undecide(CSharpRule rule, int line, string because) =>
        _undecided.Add(new UndecidedFinding(rule.Descriptor.Id, line, because));

    /// <summary>True when the file declares native methods: its names mirror a native API.</summary>
    public bool DeclaresNativeMethods => _declaresNativeMethods ??= Root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax))
        .OfType<MethodDeclarationSyntax>()
        .Any(m => m.Modifiers.Any(SyntaxKind.ExternKeyword) || TestCode.HasAttribute(m.AttributeLists, "DllImport") || TestCode.HasAttribute(m.AttributeLists, "LibraryImport"));

    private bool? _declaresNativeMethods;

    /// <summary>The simple names (identifiers in expressions and types) of the file spelled <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<SimpleNameSyntax> SimpleNames(string name)
    {
        if (_names is null) IndexNames();
        return _names!.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>The declarations of locals, parameters and range variables spelled <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<SyntaxNode> Declarations(string name)
    {
        if (_declarations is null) IndexNames();
        return _declarations!.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>True when a string literal of the file contains <paramref name="text"/> (reflection, data binding paths).</summary>
    public bool StringsContain(string text)
    {
        _strings ??= [.. Syntax.StringTexts(Root)];
        return _strings.Any(s => s.Contains(text, StringComparison.Ordinal));
    }

    private Dictionary<string, List<SimpleNameSyntax>>? _names;
    private Dictionary<string, List<SyntaxNode>>? _declarations;
    private List<string>? _strings;

    // One pass over the tree instead of one per question: rules ask about many names in large files.
    private void IndexNames()
    {
        var names = new Dictionary<string, List<SimpleNameSyntax>>(StringComparer.Ordinal);
        var declarations = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
        foreach (var node in Root.DescendantNodes())
        {
            if (node is SimpleNameSyntax simple)
            {
                Add(names, simple.Identifier.ValueText, simple);
                continue;
            }

            var declared = node switch
            {
                ParameterSyntax parameter => parameter.Identifier,
                VariableDeclaratorSyntax declarator => declarator.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                ForEachStatementSyntax forEach => forEach.Identifier,
                LocalFunctionStatementSyntax local => local.Identifier,
                CatchDeclarationSyntax @catch => @catch.Identifier,
                FromClauseSyntax from => from.Identifier,
                LetClauseSyntax let => let.Identifier,
                JoinClauseSyntax join => join.Identifier,
                QueryContinuationSyntax into => into.Identifier,
                _ => default,
            };
            if (declared != default) Add(declarations, declared.ValueText, node);
        }

        _names = names;
        _declarations = declarations;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>The unit-test framework the file uses, if any.</summary>
    public TestFramework TestFramework => _testFramework ??= AssertCalls.Detect(Root, Project);

    private TestFramework? _testFramework;

    /// <summary>The compiler's diagnostics for this file (binding every method body of the file once).</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics => _diagnostics.Value;

    /// <summary>True when the compiler reports an error in this file: some name may not resolve, so unused-code proofs fail.</summary>
    public bool HasErrors => CompilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>True when <paramref name="node"/> is test code: in a test file, or inside a type holding test methods.</summary>
    public bool IsTestCode(SyntaxNode node)
    {
        if (IsTestPath) return true;
        foreach (var type in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (IsTestType(type)) return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> declares test methods (or is marked as a test fixture).</summary>
    public bool IsTestType(TypeDeclarationSyntax type)
    {
        if (_testTypes.TryGetValue(type, out var known)) return known;
        var result = TestCode.IsTestType(type);
        _testTypes[type] = result;
        return result;
    }

    public void Report(CSharpRule rule, SyntaxToken token, string message, Suggestion? suggestion = null) =>
        Report(rule, token.GetLocation().SourceSpan, message, suggestion);

    public void Report(CSharpRule rule, SyntaxNode node, string message, Suggestion? suggestion = null) =>
        Report(rule, node.Span, message, suggestion);

    public void Report(CSharpRule rule, Microsoft.CodeAnalysis.Text.TextSpan span, string message, Suggestion? suggestion = null)
    {
        if (_suppressions.IsSuppressed(rule, span.Start)) return;
        _generated ??= GeneratedCode.MarkedDeclarations(Root, Source.Text);
        if (_generated.Any(g => g.Contains(span))) return;
        if (!_decisions.TryGetValue(rule, out var decision)) _decisions[rule] = decision = Severities.Decide(rule);
        if (decision is { Silenced: true }) return;
        var lines = Tree.GetLineSpan(span, CancellationToken);
        var finding = rule.Descriptor.CreateFinding(
            Source.Path,
            lines.StartLinePosition.Line + 1,
            lines.StartLinePosition.Character + 1,
            lines.EndLinePosition.Line + 1,
            lines.EndLinePosition.Character + 1,
            message,
            suggestion);
        _findings.Add(decision?.Severity is { } severity ? finding with { Severity = severity } : finding);
    }

    /// <summary>The 1-based line of a position.</summary>
    public int LineOf(int position) => Tree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(position, 0)).StartLinePosition.Line + 1;

    /// <summary>
    /// True when <paramref name="node"/> alone fills its lines (nothing else but whitespace before or after it on them),
    /// so that a whole-line suggestion can replace exactly it.
    /// </summary>
    public bool FillsItsLines(SyntaxNode node)
    {
        var first = LineOf(node.SpanStart);
        var last = LineOf(node.Span.End);
        var lines = Source.Lines;
        var before = lines.GetLine(first);
        var startColumn = Tree.GetLineSpan(node.Span).StartLinePosition.Character;
        var endColumn = Tree.GetLineSpan(node.Span).EndLinePosition.Character;
        return before[..Math.Min(startColumn, before.Length)].Trim().Length == 0
            && lines.GetLine(last) is var after && endColumn <= after.Length && after[endColumn..].Trim().Length == 0;
    }

    /// <summary>
    /// A suggestion replacing <paramref name="node"/>'s text with <paramref name="replacement"/> on the node's own line,
    /// or null when the node spans several lines.
    /// </summary>
    public Suggestion? ReplaceOnLine(SyntaxNode node, string replacement, string description)
    {
        var span = Tree.GetLineSpan(node.Span);
        if (span.StartLinePosition.Line != span.EndLinePosition.Line) return null;
        var lineNumber = span.StartLinePosition.Line + 1;
        var line = Source.Lines.GetLine(lineNumber);
        var start = span.StartLinePosition.Character;
        var end = span.EndLinePosition.Character;
        if (end > line.Length) return null;
        return new Suggestion(lineNumber, lineNumber, line[..start] + replacement + line[end..], description);
    }
}

/// <summary>A finding a rule did not report because an unbound name could change its answer: "could not tell", not "clean".</summary>
internal sealed record UndecidedFinding(string RuleId, int Line, string Because);
