using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>A class, struct, record, interface, enum or delegate named in snake_case, SCREAMING_CASE or camelCase.</summary>
/// <why>
/// Types are PascalCase in .NET; a type named otherwise looks like a variable at every use and breaks the IDE's and the
/// framework's naming conventions that readers rely on.
/// </why>
/// <example>
/// <code>
/// public sealed class order_line { }
/// public enum paymentState { Open, Paid }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public sealed class OrderLine { }
/// public enum PaymentState { Open, Paid }
/// </code>
/// </fix>
/// <safety>No suggestion is offered: renaming a type changes every use of it.</safety>
internal sealed class NonPascalCaseTypeName() : CSharpRule("RBCS202", Category.Naming, Severity.Warning, "Type name is not PascalCase")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
    [
        SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration, SyntaxKind.RecordDeclaration,
        SyntaxKind.RecordStructDeclaration, SyntaxKind.EnumDeclaration, SyntaxKind.DelegateDeclaration,
    ];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        (SyntaxToken Identifier, string Kind) declared = node switch
        {
            TypeDeclarationSyntax type => (type.Identifier, type.Keyword.ValueText),
            EnumDeclarationSyntax @enum => (@enum.Identifier, "enum"),
            DelegateDeclarationSyntax @delegate => (@delegate.Identifier, "delegate"),
            _ => (default, "type"),
        };
        var (identifier, kind) = declared;
        var name = identifier.ValueText;
        var casing = NameStyle.Classify(name);
        if (casing is not (Casing.SnakeCase or Casing.ScreamingCase or Casing.CamelCase)) return;
        if (NamingScope.IsInterop(node, file)) return;
        file.Report(this, identifier, $"{char.ToUpperInvariant(kind[0])}{kind[1..]} '{name}' is named in {NameStyle.Describe(casing)}; .NET types use PascalCase ('{NameStyle.ToPascalCase(name)}').");
    }
}
