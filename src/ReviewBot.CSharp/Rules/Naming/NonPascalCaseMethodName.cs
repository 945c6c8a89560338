using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>
/// A method named in snake_case, SCREAMING_CASE or camelCase. Overrides, interface implementations, <c>extern</c> and
/// <c>partial</c> methods and test methods are left alone: their names are not the author's choice, or follow the
/// test naming convention of the team.
/// </summary>
/// <why>
/// .NET names methods in PascalCase everywhere, including the framework itself; a method named in another style reads
/// as foreign code, breaks the IDE's naming rules and makes every call site inconsistent with the rest of the API.
/// </why>
/// <example>
/// <code>
/// public int get_value() => _value;
/// private void loadSettings() { }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public int GetValue() => _value;
/// private void LoadSettings() { }
/// </code>
/// </fix>
/// <safety>No suggestion is offered: renaming a method changes its callers, which the review may not see.</safety>
internal sealed class NonPascalCaseMethodName() : CSharpRule("RBCS201", Category.Naming, Severity.Warning, "Method name is not PascalCase")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.MethodDeclaration];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var method = (MethodDeclarationSyntax)node;
        var name = method.Identifier.ValueText;
        var casing = NameStyle.Classify(name);
        if (casing is not (Casing.SnakeCase or Casing.ScreamingCase or Casing.CamelCase)) return;
        if (method.ExplicitInterfaceSpecifier is not null || TestCode.IsTestMethod(method)) return;
        if (method.Modifiers.Any(m => m.IsKind(SyntaxKind.OverrideKeyword) || m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.PartialKeyword) || m.IsKind(SyntaxKind.NewKeyword))) return;
        if (TestCode.HasAttribute(method.AttributeLists, InteropAttributes)) return;
        if (file.Model.GetDeclaredSymbol(method, file.CancellationToken) is not { } symbol || Symbols.NameIsImposed(symbol)) return;
        file.Report(this, method.Identifier, $"Method '{name}' is named in {NameStyle.Describe(casing)}; .NET methods use PascalCase ('{NameStyle.ToPascalCase(name)}').");
    }

    private static readonly HashSet<string> InteropAttributes = new(StringComparer.Ordinal)
    {
        "DllImport", "LibraryImport", "UnmanagedCallersOnly", "JSInvokable", "JSImport", "JSExport",
    };
}
