using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.TestStyle;

/// <summary><c>Thread.Sleep</c> in test code.</summary>
/// <why>
/// A sleep guesses how long something takes: too short and the test is flaky on a busy CI machine, too long and the
/// whole suite is slow. Waiting for the condition itself, or driving time with a fake <c>TimeProvider</c>, is both fast
/// and reliable.
/// </why>
/// <example>
/// <code>
/// queue.Enqueue(job);
/// Thread.Sleep(500);
/// Assert.True(job.Done);
/// </code>
/// </example>
/// <fix>
/// <code>
/// queue.Enqueue(job);
/// await job.Completion.WaitAsync(TimeSpan.FromSeconds(5));
/// Assert.True(job.Done);
/// </code>
/// </fix>
internal sealed class ThreadSleepInTest() : CSharpRule("RBCS902", Category.TestStyle, Severity.Warning, "Thread.Sleep in a test")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sleep" }) return;
        if (file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is not IMethodSymbol { ContainingType: var type } || !Symbols.Is(type, "System.Threading.Thread")) return;
        var where = invocation.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "this test code";
        file.Report(this, invocation, $"'Thread.Sleep' in '{where}' makes tests slow and flaky; wait for the condition itself or use a fake 'TimeProvider'.");
    }
}
