using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary><c>hashlib.md5</c>/<c>sha1</c> (or <c>hashlib.new("md5")</c>) without <c>usedforsecurity=False</c> (bandit B324).</summary>
/// <why>MD5 and SHA-1 collisions are practical; used for passwords, signatures or integrity against an adversary, they protect nothing. Marking non-security uses says so and keeps them working on FIPS systems.</why>
/// <example><code>
/// digest = hashlib.md5(password.encode()).hexdigest()
/// </code></example>
/// <fix><code>
/// digest = hashlib.sha256(password.encode()).hexdigest()
/// etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
/// </code></fix>
public sealed class WeakHash : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY105", nameof(WeakHash), Category.Security, Severity.Warning, Languages.Python, "Weak hash used without usedforsecurity=False")
    {
        DocumentedBy = typeof(WeakHash),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            var name = file.QualifiedName(call.Function);
            string? algorithm = name switch
            {
                "hashlib.md5" => "md5",
                "hashlib.sha1" => "sha1",
                "hashlib.new" when call.Arguments.Count > 0 && call.Arguments[0].Value is StringExpression text
                    && text.Value.ToLowerInvariant() is "md5" or "sha1" or "md4" => text.Value.ToLowerInvariant(),
                _ => null,
            };
            if (algorithm is null || SyntaxFacts.IsFalse(call.Keyword("usedforsecurity"))) continue;
            file.Report(Rule, call, $"The '{algorithm}' hash is broken for security uses; use hashlib.sha256, or pass usedforsecurity=False where it is only a checksum.");
        }
    }
}
