using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>An interface whose PascalCase name does not start with <c>I</c> followed by an uppercase letter.</summary>
/// <why>
/// Every .NET interface is named <c>I</c>-something; callers rely on the prefix to tell an interface from a class in a
/// signature or a base list without opening it.
/// </why>
/// <example>
/// <code>
/// public interface Repository { }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public interface IRepository { }
/// </code>
/// </fix>
/// <safety>No suggestion is offered: renaming an interface changes every use of it.</safety>
internal sealed class InterfaceWithoutIPrefix() : CSharpRule("RBCS206", Category.Naming, Severity.Warning, "Interface name without the I prefix")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006", "CA1715"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InterfaceDeclaration];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var declaration = (InterfaceDeclarationSyntax)node;
        var name = declaration.Identifier.ValueText;
        if (name.Length == 0 || !char.IsUpper(name[0]) || name.Contains('_', StringComparison.Ordinal)) return;
        if (name.Length >= 2 && name[0] == 'I' && char.IsUpper(name[1])) return;
        if (NamingScope.IsInterop(node, file)) return;
        file.Report(this, declaration.Identifier, $"Interface '{name}' does not start with 'I'; .NET interfaces are named like 'I{name}'.");
    }
}
