using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.UnusedCode;

/// <summary>
/// A private method, field or property that nothing in its type references: no name in the type spells it (a
/// syntactic and conservative test, so a same-named member of another type keeps it silent). Stays silent for partial types (other parts
/// may be generated or unseen), methods of types whose base types do not resolve (frameworks call some methods by name),
/// members with attributes, names that appear in a string (reflection, data binding) or in an inactive <c>#if</c>
/// region, types that look up their own members by reflection, and <c>Main</c>.
/// </summary>
/// <why>
/// Private members nobody uses are dead code: they cost reading and maintenance, and they hide which code really runs.
/// Version control keeps them if they are ever needed again.
/// </why>
/// <example>
/// <code>
/// public sealed class Cart
/// {
///     private readonly int _legacyLimit = 10;
///     private static decimal OldTotal(decimal price) => price * 1.2m;
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public sealed class Cart
/// {
/// }
/// </code>
/// </fix>
/// <safety>A deletion is suggested only for a one-line field without a side-effecting initializer.</safety>
internal sealed class UnusedPrivateMember() : CSharpRule("RBCS403", Category.UnusedCode, Severity.Warning, "Unused private member")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE0051", "IDE0052", "CS0169"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.MethodDeclaration, SyntaxKind.FieldDeclaration, SyntaxKind.PropertyDeclaration];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var member = (MemberDeclarationSyntax)node;
        if (member.AttributeLists.Count > 0) return;
        if (member.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)) return;
        if (References.IsPartial(member) || References.OutermostType(member) is not { } outermost) return;
        if (member.Modifiers.Any(m => m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.PartialKeyword)) || !Syntax.IsPrivate(member)) return;

        switch (member)
        {
            case MethodDeclarationSyntax method when method.ExplicitInterfaceSpecifier is null && method.Identifier.ValueText != "Main":
                Check(file, member, method, method.Identifier, "method", outermost);
                break;
            case PropertyDeclarationSyntax property when property.ExplicitInterfaceSpecifier is null && !TypeHasAttributes(member):
                Check(file, member, property, property.Identifier, "property", outermost);
                break;
            case FieldDeclarationSyntax field when !TypeHasAttributes(member):
                foreach (var variable in field.Declaration.Variables)
                {
                    Check(file, member, variable, variable.Identifier, field.Modifiers.Any(SyntaxKind.ConstKeyword) ? "constant" : "field", outermost);
                }

                break;
        }
    }

    private void Check(FileContext file, MemberDeclarationSyntax member, SyntaxNode declaration, SyntaxToken identifier, string kind, TypeDeclarationSyntax outermost)
    {
        var name = identifier.ValueText;
        if (name.StartsWith("ShouldSerialize", StringComparison.Ordinal) || name.StartsWith("Reset", StringComparison.Ordinal)) return;
        if (References.IsMentioned(name, outermost, declaration, file)) return;
        if (file.Model.GetDeclaredSymbol(declaration, file.CancellationToken) is not { DeclaredAccessibility: Accessibility.Private } symbol) return;
        if (symbol.IsImplicitlyDeclared || symbol.ContainingType is not { } type) return;
        // A framework base class may call a private method by name (Unity's Update, a designer's handlers); no framework
        // reads a private field or property without an attribute saying so.
        if (symbol is IMethodSymbol && Symbols.HasUnresolvedBase(type))
        {
            file.Undecide(this, file.LineOf(identifier.SpanStart), $"method '{name}': a base type of '{type.Name}' does not resolve and may call it by name");
            return;
        }

        if (file.StringsContain(name)) return;
        if (ReflectsOverItself(outermost, file))
        {
            file.Undecide(this, file.LineOf(identifier.SpanStart), $"{kind} '{name}': '{outermost.Identifier.ValueText}' looks up its own members by reflection");
            return;
        }

        if (file.Unbound.InactiveLineOf(name, outermost.FullSpan) is { } inactive)
        {
            file.Undecide(this, file.LineOf(identifier.SpanStart), $"{kind} '{name}' is spelled in an inactive #if region (line {inactive})");
            return;
        }

        Suggestion? deletion = null;
        if (member is FieldDeclarationSyntax { Declaration.Variables.Count: 1 } field && file.FillsItsLines(field)
            && (field.Declaration.Variables[0].Initializer?.Value is null or LiteralExpressionSyntax)
            && file.LineOf(field.SpanStart) == file.LineOf(field.Span.End))
        {
            var line = file.LineOf(field.SpanStart);
            deletion = new Suggestion(line, line, "", $"Remove the unused {kind}.");
        }

        file.Report(this, identifier, $"Private {kind} '{name}' is never used in '{type.Name}'; remove it.", deletion);
    }

    private static readonly HashSet<string> MemberLookups = new(StringComparer.Ordinal)
    {
        "GetMethods", "GetMethod", "GetRuntimeMethods", "GetRuntimeMethod", "GetMembers", "GetMember", "GetProperties", "GetProperty",
        "GetRuntimeProperties", "GetFields", "GetField", "GetRuntimeFields", "InvokeMember", "GetDeclaredMethods", "DeclaredMethods",
    };

    /// <summary>
    /// True when <paramref name="type"/> looks up members of itself by reflection (<c>typeof(ItsName)</c> or
    /// <c>GetType()</c> with <c>GetMethods</c>, <c>GetRuntimeMethods</c> ...): a test that finds its helpers by a name
    /// pattern (<c>Regex.IsMatch(m.Name, "Check\d")</c>) uses them without naming them.
    /// </summary>
    private static bool ReflectsOverItself(TypeDeclarationSyntax type, FileContext file)
    {
        var name = type.Identifier.ValueText;
        var lookups = MemberLookups.Any(lookup => file.SimpleNames(lookup).Any(n => type.Span.Contains(n.Span)));
        if (!lookups) return false;
        return type.DescendantNodes().Any(n => n switch
        {
            TypeOfExpressionSyntax { Type: var t } => t is IdentifierNameSyntax { Identifier.ValueText: var spelled } && spelled == name
                || t is GenericNameSyntax { Identifier.ValueText: var generic } && generic == name,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "GetType" }, ArgumentList.Arguments.Count: 0 } => true,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "GetType" } } => true,
            _ => false,
        });
    }

    // Serialization, interop and layout attributes give private fields and properties a use we cannot see.
    private static bool TypeHasAttributes(SyntaxNode member) =>
        member.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.AttributeLists.SelectMany(l => l.Attributes)
            .Any(a => TestCode.AttributeName(a) is not ("TestClass" or "TestFixture" or "Collection" or "Trait")));
}
