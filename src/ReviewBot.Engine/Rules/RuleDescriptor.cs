using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Rules;

/// <summary>
/// What the catalogue knows of a rule: its stable id (<c>RBCS201</c>), its pattern name (<c>SnakeCaseMethodName</c>),
/// category, default severity, language, a one-line title, and its documentation.
/// </summary>
/// <remarks>
/// Ids: <c>RB</c> + language (<c>CS</c>, <c>PY</c>) + the category's digit (security 1, naming 2, documentation 3,
/// unused-code 4, complexity 5, assertions 6, logging 7, function-length 8, test-style 9) + a two-digit sequence.
/// An id never changes meaning once shipped: users disable rules by id.
/// </remarks>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    Category Category,
    Severity DefaultSeverity,
    string Language,
    string Title)
{
    private readonly RuleDoc? _doc;

    /// <summary>
    /// The rule's documentation: what it flags, why, an example and the fix; given, or read from the XML doc comment of
    /// <see cref="DocumentedBy"/> when it is asked for.
    /// </summary>
    public RuleDoc Doc
    {
        get => _doc ?? (DocumentedBy is { } type ? RuleDoc.FromXmlDocumentation(type) : RuleDoc.Empty);
        init => _doc = value;
    }

    /// <summary>
    /// The class whose XML doc comment documents the rule, read when <see cref="Doc"/> is first asked for: a review
    /// prints no docs, and reading the documentation file for every rule cost a fifth of a one-file review (60 ms)
    /// before any file was read.
    /// </summary>
    public Type? DocumentedBy { get; init; }

    /// <summary>
    /// The severity in test code, for security rules whose risk needs untrusted input or a production path, which a
    /// test's own data and its own local servers are not (a rule already at that severity still marks the finding).
    /// </summary>
    public Severity? TestCodeSeverity { get; init; }

    /// <summary>Creates a finding in test code: at <see cref="TestCodeSeverity"/> and marked as in test code, when the rule has one.</summary>
    public Finding CreateTestCodeFinding(
        string path, int startLine, int startColumn, int endLine, int endColumn, string message, Suggestion? suggestion = null)
    {
        var finding = CreateFinding(path, startLine, startColumn, endLine, endColumn, message, suggestion);
        return TestCodeSeverity is { } lower ? finding with { Severity = lower, InTestCode = true } : finding;
    }

    /// <summary>Creates a finding of this rule with its category and default severity.</summary>
    public Finding CreateFinding(
        string path, int startLine, int startColumn, int endLine, int endColumn, string message, Suggestion? suggestion = null) => new()
        {
            RuleId = Id,
            Category = Category,
            Severity = DefaultSeverity,
            Path = path,
            StartLine = startLine,
            StartColumn = startColumn,
            EndLine = Math.Max(startLine, endLine),
            EndColumn = endColumn,
            Message = message,
            Suggestion = suggestion,
        };
}
