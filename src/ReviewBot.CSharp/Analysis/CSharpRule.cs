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
            Doc = RuleDoc.FromXmlDocumentation(GetType()),
        };
    }

    public RuleDescriptor Descriptor { get; }

    /// <summary>The syntax kinds <see cref="AnalyzeNode"/> is called for.</summary>
    public virtual IReadOnlyList<SyntaxKind> Kinds => [];

    /// <summary>
    /// The compiler warnings this rule mirrors (<c>CS1591</c> for missing XML documentation): where the author turned
    /// one off with <c>#pragma warning disable</c>, the rule stays silent too.
    /// </summary>
    public virtual IReadOnlyList<string> CompilerWarnings => [];

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
