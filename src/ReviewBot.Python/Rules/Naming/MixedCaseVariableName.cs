using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Naming;

/// <summary>A local variable named in mixedCase (<c>serverGroup</c>) in a file where more local names are consistent with snake_case (PEP 8; a lower-case one-word name such as <c>servers</c> counts) than are mixedCase. Parameters are not reported: callers may pass them by keyword.</summary>
/// <why>One convention per file lets readers tell names apart at a glance; PEP 8 and the rest of the file use snake_case.</why>
/// <example><code>
/// server_list = api.get_servers()
/// serverGroup = api.get_server_group(group_id)
/// </code></example>
/// <fix><code>
/// server_list = api.get_servers()
/// server_group = api.get_server_group(group_id)
/// </code></fix>
public sealed class MixedCaseVariableName : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY203", nameof(MixedCaseVariableName), Category.Naming, Severity.Note, Languages.Python, "mixedCase local variable in a snake_case file")
    {
        DocumentedBy = typeof(MixedCaseVariableName),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<Semantics.BindingKind> Kinds =
    [
        Semantics.BindingKind.Assignment, Semantics.BindingKind.UnpackingAssignment, Semantics.BindingKind.LoopVariable,
        Semantics.BindingKind.WithTarget, Semantics.BindingKind.Annotation,
    ];

    public override void Analyze(PythonFile file)
    {
        var locals = file.Semantics.Scopes
            .Where(s => s.Kind == Semantics.ScopeKind.Function)
            .SelectMany(s => s.Bindings.Values.Select(b => b.OrderBy(x => x.Line).ThenBy(x => x.Column).FirstOrDefault(x => Kinds.Contains(x.Kind))))
            .OfType<Semantics.Binding>()
            .ToList();
        var snake = locals.Count(b => NamingConventions.IsSnakeConsistent(b.Name));
        var mixed = locals.Count(b => SyntaxFacts.IsMixedCase(b.Name));
        if (mixed == 0 || snake <= mixed) return;
        foreach (var binding in locals.Where(b => SyntaxFacts.IsMixedCase(b.Name)))
        {
            file.Report(Rule, binding.Node,
                $"The local variable '{binding.Name}' is mixedCase while {snake} other local names in this file are snake_case; rename it '{SyntaxFacts.ToSnakeCase(binding.Name)}'.");
        }
    }
}
