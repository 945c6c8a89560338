using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// Recognises test code: methods marked with xUnit <c>[Fact]</c>/<c>[Theory]</c>, NUnit <c>[Test]</c>/<c>[TestCase]</c>/
/// <c>[TestCaseSource]</c>, MSTest <c>[TestMethod]</c>/<c>[DataTestMethod]</c>; types holding them or marked
/// <c>[TestFixture]</c>/<c>[TestClass]</c>; and files under a project or folder named <c>*Tests</c>/<c>*Test</c>.
/// </summary>
internal static class TestCode
{
    private static readonly HashSet<string> TestMethodAttributes = new(StringComparer.Ordinal)
    {
        "Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod", "SkippableFact", "SkippableTheory",
        "StaFact", "StaTheory", "UIFact", "WpfFact", "AvaloniaFact",
    };

    private static readonly HashSet<string> TestTypeAttributes = new(StringComparer.Ordinal) { "TestFixture", "TestClass" };

    public static bool IsTestPath(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            if (part.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || part.EndsWith("Test", StringComparison.OrdinalIgnoreCase)
                || part.EndsWith(".Specs", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsTestMethod(MethodDeclarationSyntax method) => HasAttribute(method.AttributeLists, TestMethodAttributes);

    public static bool IsTestType(TypeDeclarationSyntax type) =>
        HasAttribute(type.AttributeLists, TestTypeAttributes)
        || type.Members.OfType<MethodDeclarationSyntax>().Any(IsTestMethod);

    /// <summary>The simple name of an attribute without its <c>Attribute</c> suffix.</summary>
    public static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    public static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, IReadOnlySet<string> names) =>
        lists.SelectMany(l => l.Attributes).Any(a => names.Contains(AttributeName(a)));

    public static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).Any(a => AttributeName(a) == name);
}
