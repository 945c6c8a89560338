using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// Json.NET's <c>TypeNameHandling</c> set to <c>All</c>, <c>Auto</c>, <c>Objects</c> or <c>Arrays</c>: the
/// deserializer then creates the types the JSON names in <c>$type</c>. A <c>TypeNameHandling</c> enum of another library
/// that resolves is left alone.
/// </summary>
/// <why>
/// With type names honoured, a JSON payload can make the deserializer create dangerous types (gadgets) and run code; it
/// is one of the best known remote code execution bugs in .NET applications (CA2326, CA2327).
/// </why>
/// <example>
/// <code>
/// var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
/// </code>
/// </example>
/// <fix>
/// <code>
/// var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
/// // or, when polymorphism is needed, a SerializationBinder that allows a fixed list of types
/// </code>
/// </fix>
internal sealed class UnsafeTypeNameHandling() : CSharpRule("RBCS108", Category.Security, Severity.Error, "Json.NET TypeNameHandling enabled")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA2326"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.SimpleMemberAccessExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var access = (MemberAccessExpressionSyntax)node;
        if (access.Name.Identifier.ValueText is not ("All" or "Auto" or "Objects" or "Arrays")) return;
        var enumName = access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText,
            _ => null,
        };
        if (enumName != "TypeNameHandling") return;
        var symbol = file.Model.GetSymbolInfo(access, file.CancellationToken).Symbol;
        if (symbol is not null && !(symbol.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("Newtonsoft.Json", StringComparison.Ordinal)) return;
        file.Report(this, access, $"'TypeNameHandling.{access.Name.Identifier.ValueText}' lets the JSON choose the types to create; use 'TypeNameHandling.None' or a serialization binder with an allow-list.");
    }
}
