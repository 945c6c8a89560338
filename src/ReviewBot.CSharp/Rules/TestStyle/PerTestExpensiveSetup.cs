using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.TestStyle;

/// <summary>
/// An xUnit test class whose constructor (run before every test) does expensive shared setup that xUnit has a place
/// for: it blocks on asynchronous work (<c>.GetAwaiter().GetResult()</c>), where <c>IAsyncLifetime</c> serves; or it
/// creates a <c>WebApplicationFactory</c> or a <c>TestServer</c>, which <c>IClassFixture&lt;T&gt;</c> would start once
/// for the class.
/// </summary>
/// <why>
/// xUnit creates the test class anew for each test: a server or a database started in the constructor starts again for
/// every test, and blocking on async code there can deadlock and hides the real exception in an aggregate.
/// </why>
/// <example>
/// <code>
/// public sealed class ApiTests : IDisposable
/// {
///     private readonly WebApplicationFactory&lt;Program&gt; _factory = new();
///     public ApiTests() { _db.MigrateAsync().GetAwaiter().GetResult(); }
///     public void Dispose() => _factory.Dispose();
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public sealed class ApiTests(WebApplicationFactory&lt;Program&gt; factory) : IClassFixture&lt;WebApplicationFactory&lt;Program&gt;&gt;, IAsyncLifetime
/// {
///     public Task InitializeAsync() => _db.MigrateAsync();
///     public Task DisposeAsync() => Task.CompletedTask;
/// }
/// </code>
/// </fix>
internal sealed class PerTestExpensiveSetup() : CSharpRule("RBCS904", Category.TestStyle, Severity.Note, "Expensive per-test setup in an xUnit constructor")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.ConstructorDeclaration];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var constructor = (ConstructorDeclarationSyntax)node;
        if (file.TestFramework != TestFramework.XUnit || constructor.Modifiers.Any(SyntaxKind.StaticKeyword)) return;
        if (constructor.Parent is not TypeDeclarationSyntax type || !file.IsTestType(type)) return;
        SyntaxNode? body = (SyntaxNode?)constructor.Body ?? constructor.ExpressionBody;
        if (body is null) return;
        var className = type.Identifier.ValueText;
        var blocking = body.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault(i =>
            i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } } });
        if (blocking is not null && !Implements(type, "IAsyncLifetime"))
        {
            file.Report(this, constructor.Identifier, $"The constructor of test class '{className}' blocks on async setup before every test; implement 'IAsyncLifetime' and do it in 'InitializeAsync'.");
            return;
        }

        var server = type.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Where(c => c.Ancestors().Contains(body) || c.Ancestors().Any(a => a is FieldDeclarationSyntax))
            .Select(c => TypeName(c.Type)).FirstOrDefault(n => n.EndsWith("WebApplicationFactory", StringComparison.Ordinal) || n == "TestServer");
        if (server is not null && !Implements(type, "IClassFixture"))
        {
            file.Report(this, constructor.Identifier, $"Test class '{className}' creates a '{server}' for every test; share one through 'IClassFixture<T>'.");
        }
    }

    private static string TypeName(TypeSyntax type) => type switch
    {
        GenericNameSyntax generic => generic.Identifier.ValueText,
        QualifiedNameSyntax qualified => TypeName(qualified.Right),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    private static bool Implements(TypeDeclarationSyntax type, string name) =>
        type.BaseList?.Types.Any(t => TypeName(t.Type) == name) == true;
}
