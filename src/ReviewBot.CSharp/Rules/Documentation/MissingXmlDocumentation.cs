using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Documentation;

/// <summary>
/// A public or protected type or member, visible outside its assembly, without an XML documentation comment holding a
/// <c>&lt;summary&gt;</c>, <c>&lt;inheritdoc/&gt;</c> or <c>&lt;include&gt;</c>. Overrides, interface implementations (they
/// inherit their docs), partial declarations (the docs may be on another part), enum members, <c>Main</c> and test
/// code (unless <setting>document_tests</setting>) are left alone, and so are interop declarations (<c>[ComImport]</c>,
/// <c>[StructLayout]</c> types, files declaring native methods: they mirror a documented native API), projects that build an executable (their
/// public types are no API), and, as for the compiler's CS1591, projects that do not generate a documentation file
/// (<c>GenerateDocumentationFile</c>) or whose <c>NoWarn</c> lists CS1591, and a region where the file turns CS1591
/// off (<c>#pragma warning disable CS1591</c> up to its <c>restore</c>).
/// </summary>
/// <why>
/// The XML comment is what callers see in IntelliSense and in generated API docs; an undocumented public member makes
/// every caller read its implementation to learn what it promises.
/// </why>
/// <example>
/// <code>
/// public decimal Convert(decimal amount, string currency) { ... }
/// </code>
/// </example>
/// <fix>
/// <code>
/// /// &lt;summary&gt;Converts &lt;paramref name="amount"/&gt; from euros to &lt;paramref name="currency"/&gt; at today's rate.&lt;/summary&gt;
/// public decimal Convert(decimal amount, string currency) { ... }
/// </code>
/// </fix>
internal sealed class MissingXmlDocumentation() : CSharpRule("RBCS301", Category.Documentation, Severity.Note, "Public API without XML documentation")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
    [
        SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration, SyntaxKind.RecordDeclaration,
        SyntaxKind.RecordStructDeclaration, SyntaxKind.EnumDeclaration, SyntaxKind.DelegateDeclaration, SyntaxKind.MethodDeclaration,
        SyntaxKind.ConstructorDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.IndexerDeclaration, SyntaxKind.EventDeclaration,
        SyntaxKind.EventFieldDeclaration, SyntaxKind.FieldDeclaration, SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration,
    ];

    /// <summary>CS1591, the compiler's "missing XML comment for publicly visible type or member".</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CS1591"];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (!file.Thresholds.DocumentTests && file.IsTestCode(node)) return;
        if (file.Project.IsExecutable) return;
        var member = (MemberDeclarationSyntax)node;
        if (member.Modifiers.Any(SyntaxKind.PartialKeyword) || member.Modifiers.Any(SyntaxKind.OverrideKeyword)) return;
        if (HasDocumentation(member) || NamingScope.IsInterop(member, file)) return;
        var (declaration, token) = member switch
        {
            BaseTypeDeclarationSyntax type => ((SyntaxNode)type, type.Identifier),
            DelegateDeclarationSyntax @delegate => (@delegate, @delegate.Identifier),
            MethodDeclarationSyntax method when method.ExplicitInterfaceSpecifier is null && method.Identifier.ValueText != "Main" => (method, method.Identifier),
            ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword) => (constructor, constructor.Identifier),
            PropertyDeclarationSyntax property when property.ExplicitInterfaceSpecifier is null => (property, property.Identifier),
            IndexerDeclarationSyntax indexer when indexer.ExplicitInterfaceSpecifier is null => (indexer, indexer.ThisKeyword),
            EventDeclarationSyntax @event when @event.ExplicitInterfaceSpecifier is null => (@event, @event.Identifier),
            BaseFieldDeclarationSyntax { Declaration.Variables: [var first, ..] } => (first, first.Identifier),
            OperatorDeclarationSyntax @operator => (@operator, @operator.OperatorToken),
            ConversionOperatorDeclarationSyntax conversion => (conversion, conversion.Type.GetFirstToken()),
            _ => (null, default),
        };
        if (declaration is null) return;
        if (file.Model.GetDeclaredSymbol(declaration, file.CancellationToken) is not { } symbol || symbol.IsImplicitlyDeclared) return;
        if (!IsVisible(symbol) || (symbol.Kind != SymbolKind.NamedType && Symbols.NameIsImposed(symbol))) return;
        var access = symbol.DeclaredAccessibility == Accessibility.Public ? "Public" : "Protected";
        var kind = Kind(symbol);
        var name = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        file.Report(this, token, $"{access} {kind} '{name}' has no XML documentation comment; add a <summary> (or <inheritdoc/>).");
    }

    private static bool IsVisible(ISymbol symbol)
    {
        if (!Symbols.IsExternallyVisible(symbol)) return false;
        // A protected member of a sealed type is not visible to anyone outside the type.
        return !(symbol.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal && symbol.ContainingType is { IsSealed: true });
    }

    private static bool HasDocumentation(MemberDeclarationSyntax member)
    {
        foreach (var trivia in member.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)) continue;
            var text = trivia.ToFullString();
            if (text.Contains("<summary", StringComparison.Ordinal) || text.Contains("<inheritdoc", StringComparison.Ordinal) || text.Contains("<include", StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static string Kind(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol { IsRecord: true } => "record",
        INamedTypeSymbol type => type.TypeKind switch
        {
            TypeKind.Class => "class",
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => "type",
        },
        IMethodSymbol { MethodKind: MethodKind.Constructor } => "constructor",
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => "operator",
        IMethodSymbol => "method",
        IPropertySymbol { IsIndexer: true } => "indexer",
        IPropertySymbol => "property",
        IEventSymbol => "event",
        IFieldSymbol { IsConst: true } => "constant",
        IFieldSymbol => "field",
        _ => "member",
    };
}
