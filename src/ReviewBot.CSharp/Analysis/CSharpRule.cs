using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// A C# rule: stateless, it says which syntax kinds it looks at and is called for each such node during the one walk
/// of a tree, or once per file for rules that read the compiler's own diagnostics.
/// </summary>
internal abstract class CSharpRule
{
    protected CSharpRule(string id, Category category, Severity severity, string title)
    {
        Descriptor = new RuleDescriptor(id, GetType().Name, category, severity, Engine.Findings.Languages.CSharp, title)
        {
            DocumentedBy = GetType(),
        };
    }

    public RuleDescriptor Descriptor { get; }

    /// <summary>The syntax kinds <see cref="AnalyzeNode"/> is called for.</summary>
    public virtual IReadOnlyList<SyntaxKind> Kinds => [];

    /// <summary>
    /// The compiler, IDE and .NET analyzer diagnostics this rule mirrors (<c>CS1591</c> for missing XML documentation,
    /// <c>IDE0005</c> and <c>CS8019</c> for an unused using): where the repository turned one off (<c>#pragma warning
    /// disable</c>, <c>NoWarn</c>, <c>.editorconfig</c>, <c>.globalconfig</c>), the rule stays silent too, and a severity
    /// set for one is the rule's.
    /// </summary>
    public virtual IReadOnlyList<string> Counterparts => [];

    /// <summary>Where the rule applies: everywhere, only in test code, or only outside it.</summary>
    public virtual CodeScope Scope => CodeScope.All;

    public virtual void AnalyzeNode(SyntaxNode node, FileContext file)
    {
    }

    /// <summary>Called once per file, after the walk.</summary>
    public virtual void AnalyzeFile(FileContext file)
    {
    }
}

/// <summary>Which code a rule looks at.</summary>
internal enum CodeScope
{
    All,
    TestCodeOnly,
    NonTestCodeOnly,
}
