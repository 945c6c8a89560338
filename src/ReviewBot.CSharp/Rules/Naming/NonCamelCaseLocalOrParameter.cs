using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>
/// A parameter or local variable named in PascalCase, snake_case or SCREAMING_CASE. Parameters of overrides, interface
/// implementations, <c>extern</c> and partial methods, record positional parameters (they become properties) and
/// <c>const</c> locals are left alone.
/// </summary>
/// <why>
/// Parameters and locals are camelCase in .NET, which tells them apart from members (PascalCase) at a glance; other
/// styles make a local read like a property or a constant.
/// </why>
/// <example>
/// <code>
/// public void Ship(Order Order, int retry_count)
/// {
///     var Total = Order.Total;
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public void Ship(Order order, int retryCount)
/// {
///     var total = order.Total;
/// }
/// </code>
/// </fix>
/// <safety>No suggestion is offered: a rename touches every use, and a parameter's name is part of the API (named arguments).</safety>
internal sealed class NonCamelCaseLocalOrParameter() : CSharpRule("RBCS204", Category.Naming, Severity.Note, "Local or parameter name is not camelCase")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.Parameter, SyntaxKind.LocalDeclarationStatement, SyntaxKind.ForEachStatement];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        switch (node)
        {
            case ParameterSyntax parameter when parameter.Parent?.Parent is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
                or TypeDeclarationSyntax or IndexerDeclarationSyntax:
                if (parameter.Parent.Parent is RecordDeclarationSyntax) return;
                if (!IsFlagged(parameter.Identifier.ValueText)) return;
                if (parameter.Parent.Parent is MethodDeclarationSyntax method && !MethodOwnsItsNames(method, file)) return;
                Check(file, parameter, parameter.Identifier, "Parameter");
                break;
            case LocalDeclarationStatementSyntax local when !local.IsConst:
                foreach (var variable in local.Declaration.Variables) Check(file, variable, variable.Identifier, "Local");
                break;
            case ForEachStatementSyntax forEach:
                Check(file, forEach, forEach.Identifier, "Local");
                break;
        }
    }

    private static bool MethodOwnsItsNames(MethodDeclarationSyntax method, FileContext file)
    {
        if (method.ExplicitInterfaceSpecifier is not null || method.Modifiers.Any(SyntaxKind.OverrideKeyword) || method.Modifiers.Any(SyntaxKind.ExternKeyword)
            || method.Modifiers.Any(SyntaxKind.PartialKeyword)) return false;
        return file.Model.GetDeclaredSymbol(method, file.CancellationToken) is { } symbol && !Symbols.NameIsImposed(symbol);
    }

    private static bool IsFlagged(string name) => NameStyle.Classify(name) is Casing.SnakeCase or Casing.ScreamingCase or Casing.PascalCase;

    private void Check(FileContext file, SyntaxNode declaration, SyntaxToken identifier, string kind)
    {
        var name = identifier.ValueText;
        var casing = NameStyle.Classify(name);
        if (casing is not (Casing.SnakeCase or Casing.ScreamingCase or Casing.PascalCase)) return;
        if (NamingScope.IsInterop(declaration, file)) return;
        file.Report(this, identifier, $"{kind} '{name}' is named in {NameStyle.Describe(casing)}; .NET locals and parameters use camelCase ('{NameStyle.ToCamelCase(name)}').");
    }
}
