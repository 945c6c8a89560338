using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Naming;

/// <summary>
/// A module-level constant (a name bound once, at module level, to a literal, and never rebound) named in mixedCase
/// (<c>defaultTimeout = 30</c>) in a file whose other such constants are UPPER_CASE (PEP 8).
/// </summary>
/// <why>UPPER_CASE tells readers the value is configuration that code must not change; the rest of the file already says so for its other constants.</why>
/// <example><code>
/// MAX_RETRIES = 3
/// defaultTimeout = 30
/// </code></example>
/// <fix><code>
/// MAX_RETRIES = 3
/// DEFAULT_TIMEOUT = 30
/// </code></fix>
public sealed class ModuleConstantNotUpperCase : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY204", nameof(ModuleConstantNotUpperCase), Category.Naming, Severity.Note, Languages.Python, "Module constant not in UPPER_CASE")
    {
        DocumentedBy = typeof(ModuleConstantNotUpperCase),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var constants = new List<Binding>();
        foreach (var (name, bindings) in file.Semantics.Module.Bindings)
        {
            if (bindings.Count != 1 || bindings[0] is not { Kind: BindingKind.Assignment, Statement: AssignStatement { Targets.Count: 1 } assign } binding) continue;
            if (!SyntaxFacts.IsLiteral(assign.Value) || name.StartsWith("__", StringComparison.Ordinal) || IsRebound(file, name)) continue;
            constants.Add(binding);
        }

        var upper = constants.Count(b => IsUpperCase(b.Name));
        var mixed = constants.Where(b => SyntaxFacts.IsMixedCase(b.Name) && !file.Semantics.IsInAll(b.Name)).ToList();
        if (mixed.Count == 0 || upper <= mixed.Count) return;
        foreach (var binding in mixed)
        {
            file.Report(Rule, binding.Node,
                $"The module constant '{binding.Name}' is mixedCase while {upper} other constants in this file are UPPER_CASE; rename it '{SyntaxFacts.ToSnakeCase(binding.Name).ToUpperInvariant()}'.");
        }
    }

    private static bool IsUpperCase(string name)
    {
        var trimmed = name.TrimStart('_');
        return trimmed.Length > 0 && char.IsAsciiLetterUpper(trimmed[0]) && trimmed.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
    }

    // A function that declares the name global may rebind it: then it is module state, not a constant.
    private static bool IsRebound(PythonFile file, string name) => file.Semantics.Scopes.Any(s => s.Globals.Contains(name));
}
