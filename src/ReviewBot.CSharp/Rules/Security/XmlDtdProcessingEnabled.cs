using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// XML parsing with DTD processing switched on (<c>DtdProcessing.Parse</c>, <c>ProhibitDtd = false</c>) or with an
/// <c>XmlUrlResolver</c> that fetches external entities. Only names that resolve to <c>System.Xml</c> are reported.
/// </summary>
/// <why>
/// A document with a DTD can define entities that read local files or URLs (XXE) or expand exponentially (billion
/// laughs); parsing untrusted XML with DTDs on exposes files and denies service (CA3075).
/// </why>
/// <example>
/// <code>
/// var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
/// </code>
/// </example>
/// <fix>
/// <code>
/// var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
/// </code>
/// </fix>
internal sealed class XmlDtdProcessingEnabled() : CSharpRule("RBCS109", Category.Security, Severity.Warning, "XML DTD processing enabled")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA3075"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.SimpleAssignmentExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (node is MemberAccessExpressionSyntax access)
        {
            if (access.Name.Identifier.ValueText != "Parse" || !access.Expression.ToString().EndsWith("DtdProcessing", StringComparison.Ordinal)) return;
            if (file.Model.GetSymbolInfo(access, file.CancellationToken).Symbol is IFieldSymbol { ContainingType: var type }
                && Symbols.FullName(type) == "System.Xml.DtdProcessing")
            {
                file.Report(this, access, "'DtdProcessing.Parse' lets untrusted XML define entities (XXE, entity expansion); use 'DtdProcessing.Prohibit'.");
            }

            return;
        }

        var assignment = (AssignmentExpressionSyntax)node;
        if (assignment.Left is not (IdentifierNameSyntax { Identifier.ValueText: "ProhibitDtd" or "XmlResolver" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ProhibitDtd" or "XmlResolver" })) return;
        var property = file.Model.GetSymbolInfo(assignment.Left, file.CancellationToken).Symbol as IPropertySymbol;
        if (property?.ContainingType is not { } owner || !Symbols.FullName(owner).StartsWith("System.Xml.", StringComparison.Ordinal)) return;
        if (property.Name == "ProhibitDtd" && assignment.Right.IsKind(SyntaxKind.FalseLiteralExpression))
        {
            file.Report(this, assignment, "'ProhibitDtd = false' lets untrusted XML define entities (XXE, entity expansion); use 'DtdProcessing.Prohibit'.");
        }
        else if (property.Name == "XmlResolver" && file.Model.GetTypeInfo(assignment.Right, file.CancellationToken).Type is { } resolver
            && Symbols.FullName(resolver) == "System.Xml.XmlUrlResolver")
        {
            file.Report(this, assignment, "'XmlResolver' is set to an 'XmlUrlResolver', which fetches external entities (XXE); leave it null.");
        }
    }
}
