using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Naming;

/// <summary>
/// A private instance field whose style (<c>_camelCase</c> or <c>camelCase</c>) differs from the one most private
/// instance fields of the same file use. Both styles are fine; mixing them is not. Only the minority is reported, and
/// nothing when the two styles are equally common.
/// </summary>
/// <why>
/// A file that names some fields <c>_count</c> and others <c>total</c> forces the reader to check each name to know
/// whether it is a field or a local; one style per file keeps fields recognisable.
/// </why>
/// <example>
/// <code>
/// private readonly ILogger _logger;
/// private readonly IClock _clock;
/// private int retries;
/// </code>
/// </example>
/// <fix>
/// <code>
/// private readonly ILogger _logger;
/// private readonly IClock _clock;
/// private int _retries;
/// </code>
/// </fix>
/// <safety>No suggestion is offered: renaming a field changes its uses.</safety>
internal sealed class InconsistentPrivateFieldPrefix() : CSharpRule("RBCS205", Category.Naming, Severity.Note, "Private field style differs from the file's")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE1006"];

    public override void AnalyzeFile(FileContext file)
    {
        var underscored = new List<SyntaxToken>();
        var plain = new List<SyntaxToken>();
        foreach (var field in file.Root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)).OfType<FieldDeclarationSyntax>())
        {
            if (field.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword) || m.IsKind(SyntaxKind.PublicKeyword)
                || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword))) continue;
            if (field.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax) || NamingScope.IsInterop(field, file)) continue;
            foreach (var variable in field.Declaration.Variables)
            {
                var name = variable.Identifier.ValueText;
                if (name.Length >= 2 && name[0] == '_' && char.IsLower(name[1]) && !name[1..].Contains('_', StringComparison.Ordinal)) underscored.Add(variable.Identifier);
                else if (NameStyle.Classify(name) == Casing.CamelCase) plain.Add(variable.Identifier);
            }
        }

        if (underscored.Count == plain.Count || underscored.Count == 0 || plain.Count == 0) return;
        var (minority, style, other, rename) = underscored.Count < plain.Count
            ? (underscored, "_camelCase", "camelCase", (Func<string, string>)(n => n[1..]))
            : (plain, "camelCase", "_camelCase", n => "_" + n);
        foreach (var identifier in minority)
        {
            var name = identifier.ValueText;
            file.Report(this, identifier, $"Private field '{name}' is named {style} while most private fields of this file use {other} ('{rename(name)}').");
        }
    }
}
