using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.TestStyle;

/// <summary>
/// An NUnit fixture whose <c>[SetUp]</c> only creates one object into a field and whose <c>[TearDown]</c> only disposes
/// that field, when no test assigns the field: the object is shared state that a <c>[OneTimeSetUp]</c>/
/// <c>[OneTimeTearDown]</c> pair creates once for the fixture.
/// </summary>
/// <why>
/// Creating and disposing the same object around every test costs time for nothing when the tests only use it; NUnit
/// also shares one fixture instance between tests, so a per-test field invites state leaking between them.
/// </why>
/// <example>
/// <code>
/// [SetUp] public void SetUp() => _client = new HttpClient();
/// [TearDown] public void TearDown() => _client.Dispose();
/// </code>
/// </example>
/// <fix>
/// <code>
/// [OneTimeSetUp] public void SetUp() => _client = new HttpClient();
/// [OneTimeTearDown] public void TearDown() => _client.Dispose();
/// </code>
/// </fix>
internal sealed class SetUpTearDownOfOneObject() : CSharpRule("RBCS905", Category.TestStyle, Severity.Note, "NUnit SetUp/TearDown of one object")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.ClassDeclaration];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (file.TestFramework != TestFramework.NUnit) return;
        var type = (ClassDeclarationSyntax)node;
        var methods = type.Members.OfType<MethodDeclarationSyntax>().ToList();
        var setUp = methods.SingleOrDefault(m => TestCode.HasAttribute(m.AttributeLists, "SetUp"));
        var tearDown = methods.SingleOrDefault(m => TestCode.HasAttribute(m.AttributeLists, "TearDown"));
        if (setUp is null || tearDown is null) return;
        if (OnlyStatement(setUp) is not AssignmentExpressionSyntax { Left: var target, Right: BaseObjectCreationExpressionSyntax } assignment
            || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) return;
        var field = Name(target);
        if (field is null || OnlyStatement(tearDown) is not { } dispose || !Disposes(dispose, field)) return;
        // The tests must not assign the field themselves: then it is per-test state on purpose.
        var assignedElsewhere = methods.Where(m => m != setUp && m != tearDown)
            .SelectMany(m => m.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            .Any(a => Name(a.Left) == field);
        if (assignedElsewhere) return;
        file.Report(this, setUp.Identifier, $"'[SetUp] {setUp.Identifier.ValueText}' only creates '{field}' and '[TearDown] {tearDown.Identifier.ValueText}' only disposes it; create it once with [OneTimeSetUp]/[OneTimeTearDown].");
    }

    private static ExpressionSyntax? OnlyStatement(MethodDeclarationSyntax method) => method switch
    {
        { ExpressionBody.Expression: var expression } => expression,
        { Body.Statements: [ExpressionStatementSyntax statement] } => statement.Expression,
        _ => null,
    };

    private static string? Name(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool Disposes(ExpressionSyntax expression, string field) => expression switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access, ArgumentList.Arguments.Count: 0 } => Name(access.Expression) == field,
        ConditionalAccessExpressionSyntax { Expression: var receiver, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } => Name(receiver) == field,
        _ => false,
    };
}
