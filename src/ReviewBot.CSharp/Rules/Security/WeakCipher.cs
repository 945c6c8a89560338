using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// Use of the weak symmetric ciphers DES, TripleDES and RC2 of <c>System.Security.Cryptography</c>, and of the ECB cipher
/// mode (<c>CipherMode.ECB</c>, <c>EncryptEcb</c>/<c>DecryptEcb</c>). Only names that resolve to the framework's are reported.
/// </summary>
/// <why>
/// DES and RC2 keys can be brute-forced, TripleDES has a 64-bit block open to collision attacks (Sweet32), and ECB
/// encrypts equal blocks to equal ciphertext, leaking the structure of the data.
/// </why>
/// <example>
/// <code>
/// using var des = TripleDES.Create();
/// aes.Mode = CipherMode.ECB;
/// </code>
/// </example>
/// <fix>
/// <code>
/// using var aes = new AesGcm(key, tagSizeInBytes: 16);
/// aes.Encrypt(nonce, plaintext, ciphertext, tag);
/// </code>
/// </fix>
internal sealed class WeakCipher() : CSharpRule("RBCS103", Category.Security, Severity.Warning, "Weak cipher or cipher mode")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA5350", "CA5351", "CA5358"];

    private static readonly Dictionary<string, string> WeakTypes = new(StringComparer.Ordinal)
    {
        ["System.Security.Cryptography.DES"] = "DES",
        ["System.Security.Cryptography.DESCryptoServiceProvider"] = "DES",
        ["System.Security.Cryptography.TripleDES"] = "TripleDES",
        ["System.Security.Cryptography.TripleDESCryptoServiceProvider"] = "TripleDES",
        ["System.Security.Cryptography.TripleDESCng"] = "TripleDES",
        ["System.Security.Cryptography.RC2"] = "RC2",
        ["System.Security.Cryptography.RC2CryptoServiceProvider"] = "RC2",
    };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.SimpleMemberAccessExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (node is MemberAccessExpressionSyntax access)
        {
            if (access.Name.Identifier.ValueText != "ECB") return;
            if (file.Model.GetSymbolInfo(access, file.CancellationToken).Symbol is IFieldSymbol { ContainingType: var enumType }
                && Symbols.FullName(enumType) == "System.Security.Cryptography.CipherMode")
            {
                file.Report(this, access, "'CipherMode.ECB' encrypts equal blocks to equal ciphertext; use an authenticated mode such as AES-GCM ('AesGcm').");
            }

            return;
        }

        var callee = node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax call } => call.ToString(),
            ObjectCreationExpressionSyntax creation => creation.Type.ToString(),
            _ => "",
        };
        if (!callee.Contains("DES", StringComparison.Ordinal) && !callee.Contains("RC2", StringComparison.Ordinal) && !callee.Contains("Ecb", StringComparison.Ordinal)) return;
        if (file.Model.GetSymbolInfo(node, file.CancellationToken).Symbol is not IMethodSymbol method || method.ContainingType is null) return;
        if (method.Name is "EncryptEcb" or "DecryptEcb" && Symbols.FullName(method.ContainingType).StartsWith("System.Security.Cryptography.", StringComparison.Ordinal))
        {
            file.Report(this, node, $"'{method.Name}' uses the ECB mode, which leaks the structure of the data; use an authenticated mode such as AES-GCM ('AesGcm').");
            return;
        }

        if (!method.IsStatic && method.MethodKind != MethodKind.Constructor) return;
        if (!WeakTypes.TryGetValue(Symbols.FullName(method.ContainingType), out var cipher)) return;
        file.Report(this, node, $"'{method.ContainingType.Name}' is the weak {cipher} cipher; use AES, preferably in GCM mode ('AesGcm').");
    }
}
