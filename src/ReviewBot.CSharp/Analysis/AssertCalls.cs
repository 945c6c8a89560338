using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>The unit-test framework whose <c>Assert</c> a file uses.</summary>
internal enum TestFramework
{
    None,
    XUnit,
    NUnit,
    MSTest,
}

/// <summary>A call of a test framework's <c>Assert</c> class: <c>Assert.True(x)</c>, <c>Assert.AreEqual(a, b)</c>...</summary>
internal sealed record AssertCall(InvocationExpressionSyntax Invocation, TestFramework Framework, string Method, SeparatedSyntaxList<ArgumentSyntax> Arguments)
{
    /// <summary>The condition of a one-argument boolean assertion, and whether the assertion expects it to be true.</summary>
    public (ExpressionSyntax Condition, bool Positive)? Boolean()
    {
        if (Arguments.Count != 1 || Arguments[0].NameColon is not null) return null;
        var positive = (Framework, Method) switch
        {
            (TestFramework.XUnit, "True") or (TestFramework.MSTest, "IsTrue") or (TestFramework.NUnit, "That" or "IsTrue" or "True") => true,
            (TestFramework.XUnit, "False") or (TestFramework.MSTest, "IsFalse") or (TestFramework.NUnit, "IsFalse" or "False") => false,
            _ => (bool?)null,
        };
        if (positive is null) return null;
        var condition = Arguments[0].Expression;
        while (condition is ParenthesizedExpressionSyntax parenthesized) condition = parenthesized.Expression;
        // !x flips the expectation: Assert.True(!x.Any()) is Assert.False(x.Any()).
        if (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            var inner = not.Operand;
            while (inner is ParenthesizedExpressionSyntax parenthesized) inner = parenthesized.Expression;
            return (inner, !positive.Value);
        }

        return (condition, positive.Value);
    }

    /// <summary>The replacement for the whole call, in this framework's style.</summary>
    public string Replace(string xunit, string nunit, string? mstest) => Framework switch
    {
        TestFramework.XUnit => xunit,
        TestFramework.NUnit => nunit,
        _ => mstest ?? "",
    };
}

internal static class AssertCalls
{
    private static readonly Dictionary<string, TestFramework> AssertTypes = new(StringComparer.Ordinal)
    {
        ["Xunit.Assert"] = TestFramework.XUnit,
        ["NUnit.Framework.Assert"] = TestFramework.NUnit,
        ["NUnit.Framework.Legacy.ClassicAssert"] = TestFramework.NUnit,
        ["Microsoft.VisualStudio.TestTools.UnitTesting.Assert"] = TestFramework.MSTest,
    };

    public static AssertCall? Match(InvocationExpressionSyntax invocation, FileContext file)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax access) return null;
        var receiver = access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };
        if (receiver is not ("Assert" or "ClassicAssert")) return null;
        var framework = file.TestFramework;
        var symbol = file.Model.GetSymbolInfo(access.Expression, file.CancellationToken).Symbol;
        if (symbol is INamedTypeSymbol type)
        {
            if (!AssertTypes.TryGetValue(Symbols.FullName(type), out framework)) return null;
        }
        else if (symbol is not null)
        {
            return null;
        }

        return framework == TestFramework.None ? null : new AssertCall(invocation, framework, access.Name.Identifier.ValueText, invocation.ArgumentList.Arguments);
    }

    /// <summary>Which framework a file uses, from its usings, the project's global usings and its test attributes.</summary>
    public static TestFramework Detect(CompilationUnitSyntax root, ProjectInfo project)
    {
        // The file's own usings first, then its attributes, then the project's global usings.
        var own = ByUsings(root.Usings.Select(u => u.NamespaceOrType.ToString()));
        if (own != TestFramework.None) return own;
        foreach (var attribute in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)).OfType<AttributeSyntax>())
        {
            var name = attribute.Name.ToString();
            var simple = TestCode.AttributeName(attribute);
            if (name.StartsWith("Xunit.", StringComparison.Ordinal) || simple is "Fact" or "Theory") return TestFramework.XUnit;
            if (name.StartsWith("NUnit.", StringComparison.Ordinal) || simple is "TestFixture" or "TestCase" or "TestCaseSource" or "Test") return TestFramework.NUnit;
            if (name.StartsWith("Microsoft.VisualStudio.TestTools.", StringComparison.Ordinal) || simple is "TestMethod" or "TestClass" or "DataTestMethod") return TestFramework.MSTest;
        }

        return ByUsings(project.GlobalUsings.Where(u => u.Alias is null && !u.IsStatic).Select(u => u.Name));
    }

    private static TestFramework ByUsings(IEnumerable<string> namespaces)
    {
        var set = namespaces.ToHashSet(StringComparer.Ordinal);
        if (set.Contains("Xunit")) return TestFramework.XUnit;
        if (set.Contains("NUnit.Framework")) return TestFramework.NUnit;
        if (set.Contains("Microsoft.VisualStudio.TestTools.UnitTesting")) return TestFramework.MSTest;
        return TestFramework.None;
    }

    /// <summary>True for a compile-time constant other than <c>null</c> and booleans (a literal or a const or enum member).</summary>
    public static bool IsValueConstant(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.TrueLiteralExpression) || expression.IsKind(SyntaxKind.FalseLiteralExpression)) return false;
        if (expression is LiteralExpressionSyntax) return true;
        var constant = model.GetConstantValue(expression, cancellationToken);
        return constant.HasValue && constant.Value is not null and not bool;
    }

    public static bool IsNull(ExpressionSyntax expression) => expression.IsKind(SyntaxKind.NullLiteralExpression);
}
