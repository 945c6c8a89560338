using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Naming;

/// <summary>
/// A function or method named in mixedCase (<c>evacuateServer</c>) in a file where more function names are
/// consistent with snake_case (PEP 8; a lower-case one-word name such as <c>compute</c> counts) than are mixedCase.
/// Names fixed by an API are not reported: <c>setUp</c>, <c>tearDown</c>, <c>setUpClass</c>, <c>runTest</c>,
/// <c>assert*</c>, <c>visit_*</c>/<c>do_*</c> handlers, overrides of a base class's method, and names in <c>__all__</c>.
/// </summary>
/// <why>Mixing conventions in one module makes readers guess every name; PEP 8 and the rest of the file say snake_case.</why>
/// <example><code>
/// def create_server(self): ...
/// def evacuateServer(self): ...
/// </code></example>
/// <fix><code>
/// def create_server(self): ...
/// def evacuate_server(self): ...
/// </code></fix>
public sealed class MixedCaseFunctionName : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY201", nameof(MixedCaseFunctionName), Category.Naming, Severity.Note, Languages.Python, "mixedCase function name in a snake_case file")
    {
        DocumentedBy = typeof(MixedCaseFunctionName),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var chosen = file.Index.Functions.Where(f => !NamingConventions.IsFixedByApi(file, f)).ToList();
        var snake = chosen.Count(f => NamingConventions.IsSnakeConsistent(f.Node.Name));
        var mixed = chosen.Count(f => SyntaxFacts.IsMixedCase(f.Node.Name));
        if (mixed == 0 || snake <= mixed) return;
        foreach (var function in chosen)
        {
            var name = function.Node.Name;
            if (!SyntaxFacts.IsMixedCase(name)) continue;
            var kind = function.IsMethod ? "method" : "function";
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The {kind} '{name}' is mixedCase while {snake} other function names in this file are snake_case; rename it '{SyntaxFacts.ToSnakeCase(name)}'.");
        }
    }
}
