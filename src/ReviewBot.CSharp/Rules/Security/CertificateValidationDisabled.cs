using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// TLS server certificate validation switched off: a callback that always returns <c>true</c> (or
/// <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>) assigned to
/// <c>ServerCertificateCustomValidationCallback</c>, <c>ServicePointManager.ServerCertificateValidationCallback</c> or
/// <c>RemoteCertificateValidationCallback</c>, or passed to <c>new SslStream(...)</c>. Test code is not checked.
/// </summary>
/// <why>
/// Accepting any certificate lets anyone on the network path impersonate the server and read or change the traffic:
/// TLS without validation is encryption to an unknown party.
/// </why>
/// <example>
/// <code>
/// handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
/// </code>
/// </example>
/// <fix>
/// <code>
/// // Trust the server's CA on the machine, or pin the expected certificate:
/// handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
///     errors == SslPolicyErrors.None || cert?.GetCertHashString() == expectedThumbprint;
/// </code>
/// </fix>
internal sealed class CertificateValidationDisabled() : CSharpRule("RBCS106", Category.Security, Severity.Error, "TLS certificate validation disabled")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA5359"];

    private static readonly HashSet<string> CallbackNames = new(StringComparer.Ordinal)
    {
        "ServerCertificateCustomValidationCallback", "ServerCertificateValidationCallback", "RemoteCertificateValidationCallback",
    };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.SimpleAssignmentExpression, SyntaxKind.AddAssignmentExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression];

    public override CodeScope Scope => CodeScope.NonTestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (node is AssignmentExpressionSyntax assignment)
        {
            var name = assignment.Left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is not null && CallbackNames.Contains(name) && AcceptsAnything(assignment.Right))
            {
                file.Report(this, assignment, $"'{name}' accepts every certificate, which switches TLS validation off; validate the certificate or trust its CA.");
            }

            return;
        }

        var creation = (BaseObjectCreationExpressionSyntax)node;
        if (creation.ArgumentList?.Arguments.Any(a => a.Expression is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax) != true) return;
        var isSslStream = creation is ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "SslStream" } or QualifiedNameSyntax { Right.Identifier.ValueText: "SslStream" } }
            || file.Model.GetTypeInfo(creation, file.CancellationToken).Type is { Name: "SslStream" };
        if (!isSslStream) return;
        foreach (var argument in creation.ArgumentList?.Arguments ?? default)
        {
            if (argument.Expression is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax && AcceptsAnything(argument.Expression))
            {
                file.Report(this, argument, "'SslStream' is given a certificate callback that accepts every certificate; validate the certificate or trust its CA.");
            }
        }
    }

    private static bool AcceptsAnything(ExpressionSyntax value)
    {
        if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DangerousAcceptAnyServerCertificateValidator" }) return true;
        if (value is ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var wrapped] }) return AcceptsAnything(wrapped.Expression);
        var body = value switch
        {
            LambdaExpressionSyntax lambda => (SyntaxNode?)lambda.ExpressionBody ?? lambda.Block,
            AnonymousMethodExpressionSyntax anonymous => anonymous.Block,
            _ => null,
        };
        return body switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.TrueLiteralExpression),
            BlockSyntax { Statements: [ReturnStatementSyntax { Expression: LiteralExpressionSyntax returned }] } => returned.IsKind(SyntaxKind.TrueLiteralExpression),
            _ => false,
        };
    }
}
