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
        DocumentedBy = typeof(MissingFunctionDocstring),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (!PublicApi.AppliesTo(file)) return;
        foreach (var function in file.Index.Functions)
        {
            // Module-level functions, also under 'if'/'try' (platform variants); not methods, not nested functions.
            if (function.Class is not null || function.Parent is not null) continue;
            var name = function.Node.Name;
            if (!PublicApi.IsExported(file, name) || PublicApi.HasDocstring(function.Node.Body) || PublicApi.DocumentedElsewhere(file, function)) continue;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length, $"The public function '{name}' has no docstring.");
        }
    }
}
