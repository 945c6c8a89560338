using ReviewBot.CSharp.Analysis;
using ReviewBot.CSharp.Rules.Naming;
using ReviewBot.CSharp.Rules.UnusedCode;

namespace ReviewBot.CSharp;

/// <summary>Every C# rule, one instance each (rules are stateless).</summary>
internal static class RuleSet
{
    public static IReadOnlyList<CSharpRule> Create() =>
    [
        new NonPascalCaseMethodName(),
        new UnusedUsingDirective(),
    ];
}
