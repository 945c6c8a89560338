using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.UnusedCode;

/// <summary>
/// A local variable declared and never used, or assigned and never read (an <c>out var</c> included). <c>using</c> declarations (disposal is their
/// use), discards and names starting with <c>_</c> are left alone, and so is a local whose name is spelled in an
/// inactive <c>#if</c> region (the compiler does not bind it); any identifier of the same name that may read it counts as a read (the check is syntactic and conservative:
/// a lambda parameter of the same name keeps it silent).
/// </summary>
/// <why>
/// An unused local is dead code: it makes the reader look for a purpose that is not there, and often means a value
/// that should have been used (returned, checked, passed on) was forgotten.
/// </why>
/// <example>
/// <code>
/// var count = items.Count;
/// var result = Save(items);
/// return true;
/// </code>
/// </example>
/// <fix>
/// <code>
/// _ = Save(items);
/// return true;
/// </code>
/// </fix>
/// <safety>
/// The suggestion deletes a declaration whose initializer has no side effects (a literal, <c>default</c>, <c>nameof</c>), or keeps a call's
/// side effects with a discard (<c>_ = Save(items);</c>); other declarations get no suggestion.
/// </safety>
internal sealed class UnusedLocalVariable() : CSharpRule("RBCS402", Category.UnusedCode, Severity.Warning, "Unused local variable")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE0059", "CS0168", "CS0219"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.LocalDeclarationStatement, SyntaxKind.DeclarationExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (node is DeclarationExpressionSyntax declaration)
        {
            AnalyzeOutVariable(declaration, file);
            return;
        }

        var statement = (LocalDeclarationStatementSyntax)node;
        if (statement.UsingKeyword != default || statement.Parent is null) return;
        if (statement.Declaration.Type is RefTypeSyntax || statement.Declaration.Type is ScopedTypeSyntax) return;
        // A local of a switch section is in scope in the whole switch; a top-level local in the whole file.
        var scope = statement.Parent switch
        {
            GlobalStatementSyntax => file.Root,
            SwitchSectionSyntax { Parent: { } switchStatement } => switchStatement,
            var parent => parent,
        };
        foreach (var declarator in statement.Declaration.Variables)
        {
            var name = declarator.Identifier.ValueText;
            if (name.StartsWith('_')) continue;
            var use = References.OfLocal(name, scope, declarator.Identifier.Span.End, declarator, file);
            if (use == Use.Read) continue;
            if (file.Unbound.InactiveLineOf(name, scope.FullSpan) is { } inactive)
            {
                file.Undecide(this, file.LineOf(declarator.SpanStart), $"local '{name}' is spelled in an inactive #if region (line {inactive})");
                continue;
            }

            var initializer = declarator.Initializer?.Value;
            var neverAssigned = use == Use.None && initializer is null;
            var message = neverAssigned
                ? $"Local '{name}' is declared but never used; remove it."
                : $"Local '{name}' is assigned but its value is never read; remove it or discard the value.";
            var suggestion = use == Use.None && statement.Declaration.Variables.Count == 1 ? Fix(file, statement, initializer) : null;
            file.Report(this, declarator.Identifier, message, suggestion);
        }
    }

    /// <summary><c>Parse(text, out var value)</c> where nothing reads <c>value</c>: the discard <c>out _</c> says so.</summary>
    private void AnalyzeOutVariable(DeclarationExpressionSyntax declaration, FileContext file)
    {
        if (declaration is not { Designation: SingleVariableDesignationSyntax designation, Parent: ArgumentSyntax argument }
            || !argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)) return;
        var name = designation.Identifier.ValueText;
        if (name.StartsWith('_')) return;
        // The function (or top-level code) holding the argument: wider than the variable's scope, so a same-named
        // identifier anywhere in it counts as a read.
        SyntaxNode? scope = declaration.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax
            or GlobalStatementSyntax);
        if (scope is null or GlobalStatementSyntax) scope = file.Root;
        if (References.OfLocal(name, scope, designation.Span.End, designation, file) == Use.Read) return;
        if (file.Unbound.InactiveLineOf(name, scope.FullSpan) is { } inactive)
        {
            file.Undecide(this, file.LineOf(designation.SpanStart), $"local '{name}' is spelled in an inactive #if region (line {inactive})");
            return;
        }

        var discard = declaration.Type.IsVar ? "_" : declaration.Type + " _";
        file.Report(this, designation.Identifier, $"Local '{name}' is assigned by an out argument but its value is never read; pass 'out {discard}' instead.",
            file.ReplaceOnLine(declaration, discard, $"Discard the out value: 'out {discard}'."));
    }

    private static Suggestion? Fix(FileContext file, LocalDeclarationStatementSyntax statement, ExpressionSyntax? initializer)
    {
        if (!file.FillsItsLines(statement) || file.LineOf(statement.SpanStart) != file.LineOf(statement.Span.End)) return null;
        if (statement.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)) || statement.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia))) return null;
        var line = file.LineOf(statement.SpanStart);
        if (initializer is null or LiteralExpressionSyntax or DefaultExpressionSyntax
            || initializer is PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax }
            || initializer is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
        {
            return new Suggestion(line, line, "", "Remove the unused local.");
        }

        if (initializer is InvocationExpressionSyntax or AwaitExpressionSyntax)
        {
            var text = file.Source.Lines.GetLine(line);
            var indent = text[..(text.Length - text.TrimStart().Length)];
            return new Suggestion(line, line, indent + "_ = " + initializer + ";", "Keep the call and discard its result.");
        }

        return null;
    }
}
