using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Engine.Text;
using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// The <c>random</c> module (<c>choice</c>, <c>choices</c>, <c>randint</c>, <c>random</c>, <c>getrandbits</c>,
/// <c>sample</c>, <c>randrange</c>, <c>randbytes</c>) used to make a token, password, secret, salt, nonce or key: its
/// result assigned to such a name, or flowing into what a function named so returns (bandit B311, narrowed to secrets).
/// </summary>
/// <why><c>random</c> is a Mersenne Twister: after 624 outputs an observer predicts every later one, including the next reset token.</why>
/// <example><code>
/// token = "".join(random.choice(ALPHABET) for _ in range(32))
/// </code></example>
/// <fix><code>
/// token = secrets.token_urlsafe(32)
/// </code></fix>
/// <safety>
/// Only the module imported as such counts: not a name rebound to <c>random.SystemRandom()</c>, a parameter or an
/// instance. Not reported: functions that also use <c>secrets</c>, <c>os.urandom</c> or <c>SystemRandom</c>, values
/// that only feed delays, jitter or lengths (<c>password_length</c>, <c>token_retry_delay</c>), shuffles, and test
/// files (test data is no secret).
/// </safety>
public sealed class InsecureRandomSecret : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY111", nameof(InsecureRandomSecret), Category.Security, Severity.Error, Languages.Python, "random used for a secret")
    {
        DocumentedBy = typeof(InsecureRandomSecret),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> Generators =
        ["choice", "choices", "randint", "random", "getrandbits", "sample", "randrange", "randbytes"];

    // Words of a name that say the value is a secret; 'key' only with a word that makes it one ('api_key').
    private static readonly string[] SecretSuffixes = ["token", "password", "passwd", "passphrase", "secret", "salt", "nonce", "otp", "csrf"];

    private static readonly HashSet<string> KeyQualifiers =
        ["api", "secret", "session", "private", "signing", "encryption", "access", "auth", "hmac", "crypto"];

    // Words that say the value is about timing or size, not the secret itself.
    private static readonly HashSet<string> NotTheSecret =
    [
        "delay", "jitter", "backoff", "sleep", "wait", "timeout", "interval", "retry", "retries", "expiry", "expires", "ttl",
        "lifetime", "length", "len", "count", "size", "shuffle", "shuffled", "index", "idx", "position", "type", "kind",
    ];

    public override void Analyze(PythonFile file)
    {
        // Test data is no secret; and without the random module imported there is nothing to find.
        if (file.IsTestFile || !file.Text.Contains("random", StringComparison.Ordinal)) return;
        var generators = GeneratorNames(file);
        if (generators.Modules.Count == 0 && generators.Functions.Count == 0) return;

        var reported = new HashSet<CallExpression>(ReferenceEqualityComparer.Instance);
        foreach (var (statement, function, _) in file.Index.Assignments)
        {
            var (targets, value) = statement switch
            {
                AssignStatement assign => (assign.Targets, assign.Value),
                AnnotatedAssignStatement { Value: { } annotated } annotatedAssign => ([annotatedAssign.Target], annotated),
                _ => ((IReadOnlyList<Expression>)[], (Expression?)null),
            };
            if (value is null) continue;
            var name = targets.Select(t => t switch { NameExpression n => n.Id, AttributeExpression a => a.Name, _ => null }).FirstOrDefault(n => n is not null);
            if (name is null || !IsSecretName(name)) continue;

            // A bare 'token' is also a lexer's or a MIME boundary's: in a function, only when the function makes secrets.
            if (name.Equals("token", StringComparison.OrdinalIgnoreCase) && function is not null && !IsSecretName(function.Node.Name)) continue;
            var finder = new Finder(file, generators);
            finder.Visit(value);
            if (finder.Random.Count == 0 || finder.UsesSecureSource) continue;
            reported.UnionWith(finder.Random);
            file.Report(Rule, finder.Random[0], $"The secret '{name}' is made with '{file.QualifiedName(finder.Random[0].Function)}', which is predictable; use the secrets module.");
        }

        // One finding per function, on the first random call whose value reaches the result, unless one is reported already.
        foreach (var function in file.Index.Functions)
        {
            var functionName = function.Node.Name;
            if (function.IsTest || functionName.StartsWith("test", StringComparison.OrdinalIgnoreCase) || !IsSecretName(functionName)) continue;
            var calls = RandomFlowingIntoResult(file, generators, function.Node);
            if (calls.Count == 0 || calls.Any(reported.Contains)) continue;
            var random = calls.OrderBy(c => c.Line).ThenBy(c => c.Column).First();
            reported.Add(random);
            file.Report(Rule, random, $"The function '{functionName}' makes its result with '{file.QualifiedName(random.Function)}', which is predictable; use the secrets module.");
        }
    }

    /// <summary>Whether a name says its value is a secret: <c>reset_token</c>, <c>csrfToken</c>, <c>api_key</c>, not <c>password_length</c>.</summary>
    internal static bool IsSecretName(string name)
    {
        var words = IdentifierWords.Lower(name);
        if (words.Count == 0 || words.Any(NotTheSecret.Contains)) return false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (SecretSuffixes.Any(s => word.EndsWith(s, StringComparison.Ordinal)) || word is "secrets" or "passwords" or "salts" or "nonces") return true;
            if (word is "key" or "keys" && i > 0 && KeyQualifiers.Contains(words[i - 1])) return true;
            if (word.EndsWith("key", StringComparison.Ordinal) && KeyQualifiers.Any(q => word == q + "key")) return true;
        }

        return false;
    }

    private sealed record RandomNames(HashSet<string> Modules, Dictionary<string, string> Functions);

    // The names that are the random module ('import random', 'import random as rnd') or one of its generators
    // ('from random import choice'), and nothing else anywhere in the file: 'random = random.SystemRandom()', a parameter
    // or a local named 'random' makes the name something else.
    private static RandomNames GeneratorNames(PythonFile file)
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var functions = new Dictionary<string, string>(StringComparer.Ordinal);
        var rebound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in file.Semantics.Scopes)
        {
            foreach (var (name, bindings) in scope.Bindings)
            {
                foreach (var binding in bindings)
                {
                    switch (binding)
                    {
                        case { Kind: BindingKind.Import, Node: ImportAlias { Name: "random" } }:
                            modules.Add(name);
                            break;
                        case { Kind: BindingKind.FromImport, Node: ImportAlias alias, Statement: ImportFromStatement { Level: 0, Module: "random" } }
                            when Generators.Contains(alias.Name):
                            functions[name] = alias.Name;
                            break;
                        default:
                            rebound.Add(name);
                            break;
                    }
                }
            }
        }

        modules.ExceptWith(rebound);
        foreach (var name in rebound) functions.Remove(name);
        return new RandomNames(modules, functions);
    }

    private static bool IsGenerator(CallExpression call, RandomNames names) => call.Function switch
    {
        AttributeExpression { Value: NameExpression module, Name: var name } => names.Modules.Contains(module.Id) && Generators.Contains(name),
        NameExpression function => names.Functions.ContainsKey(function.Id),
        _ => false,
    };

    private static bool IsSecureSource(PythonFile file, CallExpression call) =>
        file.QualifiedName(call.Function) is { } name
        && (name.StartsWith("secrets.", StringComparison.Ordinal) || name == "os.urandom" || name.EndsWith("SystemRandom", StringComparison.Ordinal))
        || call.Function is AttributeExpression { Value: CallExpression inner } && SyntaxFacts.CalleeName(inner) == "SystemRandom";

    /// <summary>
    /// The random calls whose value reaches what <paramref name="function"/> returns: in a returned expression, or
    /// assigned (or appended) to a name read by one, directly or through other names. Nested definitions are their
    /// own functions; a function that also uses a secure source is left alone.
    /// </summary>
    private static List<CallExpression> RandomFlowingIntoResult(PythonFile file, RandomNames names, FunctionDefinition function)
    {
        var flow = new FlowCollector();
        foreach (var statement in function.Body) flow.Visit(statement);
        if (flow.Returns.Count == 0) return [];

        var reaching = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in flow.Returns) reaching.UnionWith(NameReads.Of(value));
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (target, value) in flow.Stores)
            {
                if (reaching.Contains(target) && NameReads.Of(value).Any(reaching.Add)) changed = true;
            }
        }

        var finder = new Finder(file, names);
        foreach (var value in flow.Returns) finder.Visit(value);
        foreach (var (target, value) in flow.Stores)
        {
            if (reaching.Contains(target)) finder.Visit(value);
        }

        var secure = new Finder(file, names);
        foreach (var statement in function.Body) secure.Visit(statement);
        return secure.UsesSecureSource ? [] : finder.Random;
    }

    /// <summary>The return values of a function body and its stores to names, nested definitions left out.</summary>
    private sealed class FlowCollector : SyntaxWalker
    {
        public List<Expression> Returns { get; } = [];

        public List<(string Target, Expression Value)> Stores { get; } = [];

        public override void Visit(Node node)
        {
            switch (node)
            {
                case FunctionDefinition or ClassDefinition:
                    return;
                case ReturnStatement { Value: { } value }:
                    Returns.Add(value);
                    break;
                case AssignStatement assign:
                    foreach (var target in assign.Targets) StoreNames(target, assign.Value);
                    break;
                case AugmentedAssignStatement { Target: NameExpression target } augmented:
                    Stores.Add((target.Id, augmented.Value));
                    break;
                case AnnotatedAssignStatement { Target: NameExpression target, Value: { } value }:
                    Stores.Add((target.Id, value));
                    break;
                case NamedExpression named:
                    Stores.Add((named.Target.Id, named.Value));
                    break;
                case CallExpression { Function: AttributeExpression { Name: "append" or "extend" or "insert" or "add" or "write", Value: NameExpression collection } } call:
                    foreach (var argument in call.Arguments) Stores.Add((collection.Id, argument.Value));
                    break;
            }

            base.Visit(node);
        }

        private void StoreNames(Expression target, Expression value)
        {
            switch (target)
            {
                case NameExpression name:
                    Stores.Add((name.Id, value));
                    break;
                case SequenceExpression sequence:
                    foreach (var element in sequence.Elements) StoreNames(element is StarredExpression starred ? starred.Value : element, value);
                    break;
            }
        }
    }

    /// <summary>The names an expression reads.</summary>
    private sealed class NameReads : SyntaxWalker
    {
        private readonly List<string> _names = [];

        public static List<string> Of(Expression expression)
        {
            var reads = new NameReads();
            reads.Visit(expression);
            return reads._names;
        }

        public override void Visit(Node node)
        {
            if (node is NameExpression { Context: ExpressionContext.Load } name) _names.Add(name.Id);
            base.Visit(node);
        }
    }

    private sealed class Finder(PythonFile file, RandomNames names) : SyntaxWalker
    {
        public List<CallExpression> Random { get; } = [];

        public bool UsesSecureSource { get; private set; }

        public override void Visit(Node node)
        {
            if (node is CallExpression call)
            {
                if (IsGenerator(call, names)) Random.Add(call);
                else if (IsSecureSource(file, call)) UsesSecureSource = true;
            }

            base.Visit(node);
        }
    }
}
