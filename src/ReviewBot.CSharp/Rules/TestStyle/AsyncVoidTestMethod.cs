using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.TestStyle;

/// <summary>A test method declared <c>async void</c>.</summary>
/// <why>
/// The test runner cannot await an <c>async void</c> method: it sees the test end at the first <c>await</c>, so
/// assertions after it run when no one is watching, and their failures are lost or crash another test.
/// </why>
/// <example>
/// <code>
/// [Fact]
/// public async void Saves_the_order() { await store.SaveAsync(order); Assert.True(store.Contains(order)); }
/// </code>
/// </example>
/// <fix>
/// <code>
/// [Fact]
/// public async Task Saves_the_order() { await store.SaveAsync(order); Assert.True(store.Contains(order)); }
/// </code>
/// </fix>
/// <safety>The suggestion replaces <c>void</c> with <c>Task</c> when <c>Task</c> is in scope at that line.</safety>
internal sealed class AsyncVoidTestMethod() : CSharpRule("RBCS901", Category.TestStyle, Severity.Warning, "async void test method")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.MethodDeclaration];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var method = (MethodDeclarationSyntax)node;
        if (!method.Modifiers.Any(SyntaxKind.AsyncKeyword) || method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } voidType) return;
        if (!TestCode.IsTestMethod(method)) return;
        var taskInScope = file.Model.LookupNamespacesAndTypes(method.SpanStart, name: "Task")
            .Any(s => s is INamedTypeSymbol { Arity: 0 } type && Symbols.FullName(type) == "System.Threading.Tasks.Task");
        var suggestion = taskInScope ? file.ReplaceOnLine(voidType, "Task", "Return Task so the runner awaits the test.") : null;
        file.Report(this, method.Identifier, $"Test '{method.Identifier.ValueText}' is async void, so the runner cannot await it; return 'Task'.", suggestion);
    }
}
