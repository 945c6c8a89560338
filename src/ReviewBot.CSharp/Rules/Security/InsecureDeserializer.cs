using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// Creation of a serializer that reads type names from its input: <c>BinaryFormatter</c>, <c>SoapFormatter</c>,
/// <c>NetDataContractSerializer</c>, <c>LosFormatter</c> and <c>ObjectStateFormatter</c>. A type of the same name
/// declared in the code under review is left alone.
/// </summary>
/// <why>
/// These serializers instantiate whatever types the payload names, so deserializing untrusted data runs an attacker's
/// code (gadget chains). Microsoft has removed <c>BinaryFormatter</c> from .NET 9 for this reason.
/// </why>
/// <example>
/// <code>
/// var order = (Order)new BinaryFormatter().Deserialize(stream);
/// </code>
/// </example>
/// <fix>
/// <code>
/// var order = JsonSerializer.Deserialize&lt;Order&gt;(stream);
/// </code>
/// </fix>
internal sealed class InsecureDeserializer() : CSharpRule("RBCS107", Category.Security, Severity.Error, "Insecure deserializer")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA2300", "CA2305", "CA2310", "CA2315"];

    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "BinaryFormatter", "SoapFormatter", "NetDataContractSerializer", "LosFormatter", "ObjectStateFormatter",
    };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.ObjectCreationExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var creation = (ObjectCreationExpressionSyntax)node;
        var name = creation.Type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        if (!Names.Contains(name)) return;
        var type = file.Model.GetTypeInfo(creation, file.CancellationToken).Type;
        if (type is null) return;
        // Resolved: it must be the framework's. Unresolved: these names belong to .NET Framework assemblies.
        if (type.TypeKind != TypeKind.Error && !Symbols.FullName(type).StartsWith("System.", StringComparison.Ordinal)) return;
        if (type.TypeKind != TypeKind.Error && type.Locations.Any(l => l.IsInSource)) return;
        file.Report(this, creation, $"'{name}' runs code named by its input when deserializing untrusted data; use System.Text.Json or a serializer with a fixed set of types.");
    }
}
