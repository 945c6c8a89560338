using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>
/// A property, event, constant, enum member, or non-private field named in snake_case, SCREAMING_CASE or camelCase,
/// and a property or event named like a private field (<c>_scheduler</c>).
/// Overrides and interface implementations are left alone (their names are not the author's choice), and so is interop
/// code (types with <c>[StructLayout]</c>, files declaring native methods), which mirrors native names.
/// </summary>
/// <why>
/// .NET names properties, events, constants, enum members and public fields in PascalCase; <c>MAX_SIZE</c> and
/// <c>first_name</c> read as C or Python and make the API inconsistent for its callers.
/// </why>
/// <example>
/// <code>
/// public const int MAX_RETRIES = 3;
/// public string first_name { get; set; }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public const int MaxRetries = 3;
/// [JsonPropertyName("first_name")] public string FirstName { get; set; }
/// </code>
/// </fix>
/// <safety>No suggestion is offered: renaming a member changes its uses, and serialized names may need an attribute.</safety>
internal sealed class NonPascalCaseMemberName() : CSharpRule("RBCS203", Category.Naming, Severity.Warning, "Member name is not PascalCase")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
    [
        SyntaxKind.PropertyDeclaration, SyntaxKind.EventDeclaration, SyntaxKind.EventFieldDeclaration, SyntaxKind.FieldDeclaration,
        SyntaxKind.EnumMemberDeclaration,
    ];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        switch (node)
        {
            case PropertyDeclarationSyntax property when property.ExplicitInterfaceSpecifier is null:
                Check(file, property, property.Identifier, "Property");
                break;
            case EventDeclarationSyntax @event when @event.ExplicitInterfaceSpecifier is null:
                Check(file, @event, @event.Identifier, "Event");
                break;
            case EventFieldDeclarationSyntax eventField:
                foreach (var variable in eventField.Declaration.Variables) Check(file, variable, variable.Identifier, "Event");
                break;
            case FieldDeclarationSyntax field:
                var isConst = field.Modifiers.Any(SyntaxKind.ConstKeyword);
                foreach (var variable in field.Declaration.Variables)
                {
                    if (isConst) Check(file, variable, variable.Identifier, "Constant");
                    else if (NameStyle.Classify(variable.Identifier.ValueText) is Casing.SnakeCase or Casing.ScreamingCase or Casing.CamelCase && file.Model.GetDeclaredSymbol(variable, file.CancellationToken) is IFieldSymbol { DeclaredAccessibility: not Accessibility.Private })
                    {
                        Check(file, variable, variable.Identifier, "Field");
                    }
                }

                break;
            case EnumMemberDeclarationSyntax member:
                Check(file, member, member.Identifier, "Enum member");
                break;
        }
    }

    private void Check(FileContext file, SyntaxNode declaration, SyntaxToken identifier, string kind)
    {
        var name = identifier.ValueText;
        var casing = NameStyle.Classify(name);
        // A field's prefix is the repository's choice (RBCS205); a property or event named like a field is not.
        var prefixed = kind is "Property" or "Event" && name.Length > 1 && name[0] == '_' && char.IsLetter(name[1]) && !name.Contains("__", StringComparison.Ordinal);
        if (!prefixed && casing is not (Casing.SnakeCase or Casing.ScreamingCase or Casing.CamelCase)) return;
        if (NamingScope.IsInterop(declaration, file)) return;
        if (file.Model.GetDeclaredSymbol(declaration, file.CancellationToken) is not { } symbol || Symbols.NameIsImposed(symbol)) return;
        var style = prefixed ? "with a '_' prefix" : "in " + NameStyle.Describe(casing);
        file.Report(this, identifier, $"{kind} '{name}' is named {style}; .NET uses PascalCase here ('{NameStyle.ToPascalCase(name)}').");
    }
}
