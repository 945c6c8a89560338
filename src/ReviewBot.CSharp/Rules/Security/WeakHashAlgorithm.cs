using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// Use of the broken hash algorithms MD5 and SHA-1 of <c>System.Security.Cryptography</c> (<c>MD5.Create()</c>,
/// <c>SHA1.HashData(...)</c>, <c>new SHA1Managed()</c> and the like). Only calls that resolve to the framework's types
/// are reported.
/// </summary>
/// <why>
/// Collisions can be computed for MD5 and SHA-1, so they cannot protect integrity or passwords; auditors and scanners
/// (CA5350, CA5351) flag them, and using them for anything security-related is a defect.
/// </why>
/// <example>
/// <code>
/// var digest = MD5.HashData(Encoding.UTF8.GetBytes(password));
/// </code>
/// </example>
/// <fix>
/// <code>
/// var digest = SHA256.HashData(Encoding.UTF8.GetBytes(payload));
/// // for passwords: Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32)
/// </code>
/// </fix>
internal sealed class WeakHashAlgorithm() : CSharpRule("RBCS102", Category.Security, Severity.Warning, "Weak hash algorithm")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA5350", "CA5351"];

    private static readonly Dictionary<string, string> Weak = new(StringComparer.Ordinal)
    {
        ["System.Security.Cryptography.MD5"] = "MD5",
        ["System.Security.Cryptography.MD5CryptoServiceProvider"] = "MD5",
        ["System.Security.Cryptography.SHA1"] = "SHA-1",
        ["System.Security.Cryptography.SHA1Managed"] = "SHA-1",
        ["System.Security.Cryptography.SHA1CryptoServiceProvider"] = "SHA-1",
        ["System.Security.Cryptography.SHA1Cng"] = "SHA-1",
        ["System.Security.Cryptography.MD5Cng"] = "MD5",
    };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression];

    private static readonly string[] Names = ["MD5", "SHA1"];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        // Binding is the expensive part: only bind calls and creations that spell one of the types.
        var callee = node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression.ToString(),
            ObjectCreationExpressionSyntax creation => creation.Type.ToString(),
            _ => "",
        };
        if (!Names.Any(n => callee.Contains(n, StringComparison.Ordinal))) return;
        if (file.Model.GetSymbolInfo(node, file.CancellationToken).Symbol is not IMethodSymbol method) return;
        var type = method.ContainingType;
        if (type is null || (!method.IsStatic && method.MethodKind != MethodKind.Constructor)) return;
        if (!Weak.TryGetValue(Symbols.FullName(type), out var algorithm)) return;
        var call = method.MethodKind == MethodKind.Constructor ? $"new {type.Name}()" : $"{type.Name}.{method.Name}";
        file.Report(this, node, $"'{call}' uses the broken {algorithm} hash; use SHA-256 or better (and a key-derivation function for passwords).");
    }
}
