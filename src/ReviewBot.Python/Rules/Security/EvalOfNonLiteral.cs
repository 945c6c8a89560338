using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>A call of the builtin <c>eval</c> or <c>exec</c> on anything but a string literal (bandit B307, B102).</summary>
/// <why>Evaluating a string that is built at run time runs whatever code ends up in it; if any part comes from input, an attacker runs code in the process.</why>
/// <example><code>
/// value = eval(request.args["expr"])
/// </code></example>
/// <fix><code>
/// import ast
/// value = ast.literal_eval(request.args["expr"])
/// </code></fix>
public sealed class EvalOfNonLiteral : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY101", nameof(EvalOfNonLiteral), Category.Security, Severity.Error, Languages.Python, "eval or exec of a non-literal")
    {
        DocumentedBy = typeof(EvalOfNonLiteral),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var call in file.Index.Calls)
        {
            if (call.Node.Function is not NameExpression { Id: "eval" or "exec" } name) continue;
            if (Semantics.SemanticModel.Resolve(file.Semantics.Module, name.Id) is not null) continue;
            var first = call.Node.Arguments.Count > 0 ? call.Node.Arguments[0].Value : null;
            if (first is null || SyntaxFacts.IsLiteralString(first)) continue;
            file.Report(Rule, call.Node, $"The call to '{name.Id}' runs code from a value that is not a literal; use ast.literal_eval or explicit parsing instead.");
        }
    }
}
