using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Logging;

/// <summary>
/// <c>Console.Write</c>/<c>Console.WriteLine</c> (also on <c>Console.Out</c>/<c>Console.Error</c>) and
/// <c>Debug.Write</c>/<c>Debug.WriteLine</c> in library code: a project whose project file builds a library (no
/// <c>OutputType</c> of <c>Exe</c>, not a test project). Executables, tests and files without a project file are left alone.
/// </summary>
/// <why>
/// A library does not own the console: its output mixes with the host's, cannot be filtered or routed, and is lost in
/// services. Logging through <c>ILogger</c> lets the host decide where messages go and at what level.
/// </why>
/// <example>
/// <code>
/// Console.WriteLine($"Retrying {url}");
/// </code>
/// </example>
/// <fix>
/// <code>
/// _logger.LogInformation("Retrying {Url}", url);
/// </code>
/// </fix>
internal sealed class ConsoleWriteInLibraryCode() : CSharpRule("RBCS703", Category.Logging, Severity.Note, "Console output in library code")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override CodeScope Scope => CodeScope.NonTestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (!file.Project.IsLibrary || file.IsTestPath) return;
        var invocation = (InvocationExpressionSyntax)node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Write" or "WriteLine" } access) return;
        var receiver = access.Expression.ToString();
        if (!receiver.Contains("Console", StringComparison.Ordinal) && !receiver.EndsWith("Debug", StringComparison.Ordinal)) return;
        if (file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is not IMethodSymbol method) return;
        string? call = null;
        if (Symbols.Is(method.ContainingType, "System.Console")) call = "Console." + method.Name;
        else if (Symbols.Is(method.ContainingType, "System.Diagnostics.Debug")) call = "Debug." + method.Name;
        else if (Symbols.Is(method.ContainingType, "System.IO.TextWriter") && access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Out" or "Error" } stream
            && file.Model.GetSymbolInfo(stream, file.CancellationToken).Symbol is IPropertySymbol { ContainingType: var console } && Symbols.Is(console, "System.Console"))
        {
            call = $"Console.{stream.Name.Identifier.ValueText}.{method.Name}";
        }

        if (call is null || file.Root.Members.Any(m => m is GlobalStatementSyntax)) return;
        file.Report(this, invocation, $"'{call}' writes to the console from library code; log through 'ILogger' so the host decides where output goes.");
    }
}
