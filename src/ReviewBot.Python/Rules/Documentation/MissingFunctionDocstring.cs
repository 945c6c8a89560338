using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Documentation;

/// <summary>A public module-level function without a docstring (pydocstyle D103). Not reported for private functions, overloads, names left out of <c>__all__</c>, and tests.</summary>
/// <why>The docstring states what the function promises (arguments, result, errors) so callers need not read its body.</why>
/// <example><code>
/// def evacuate(server, host=None):
///     ...
/// </code></example>
/// <fix><code>
/// def evacuate(server, host=None):
///     """Rebuild server on host, or on a host the scheduler picks."""
///     ...
/// </code></fix>
public sealed class MissingFunctionDocstring : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY303", nameof(MissingFunctionDocstring), Category.Documentation, Severity.Note, Languages.Python, "Public function without a docstring")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(MissingFunctionDocstring)),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (!PublicApi.AppliesTo(file)) return;
        foreach (var function in file.Index.Functions)
        {
            if (function.Class is not null || function.Parent is not null || !file.Module.Body.Contains(function.Node) && !IsConditional(file, function)) continue;
            var name = function.Node.Name;
            if (!PublicApi.IsExported(file, name) || PublicApi.HasDocstring(function.Node.Body) || PublicApi.DocumentedElsewhere(file, function)) continue;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length, $"The public function '{name}' has no docstring.");
        }
    }

    // A module-level function under 'if'/'try' (platform variants) is still module-level.
    private static bool IsConditional(PythonFile file, FunctionInfo function) => function.Class is null && function.Parent is null
        && file.Index.Classes.All(c => c.Node.Line > function.Node.Line || c.Node.EndLine < function.Node.Line);
}
