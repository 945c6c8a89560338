using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Documentation;

/// <summary>
/// A public method of a public class without a docstring (pydocstyle D102). Not reported for private and special
/// (<c>__dunder__</c>) methods, property setters, overloads, tests, and overrides: a base class in the file or in
/// another file of the repository defines the method, a builtin base does (<c>Exception.with_traceback</c>,
/// <c>dict.update</c>, <c>NamedTuple._replace</c>, <c>Enum.name</c>), or a base from outside the repository may.
/// </summary>
/// <why>A method's docstring is its contract with callers; without it they must read the implementation, and may depend on details that were never promised.</why>
/// <example><code>
/// class Scheduler:
///     """Picks hosts for servers."""
///
///     def select_host(self, server):
///         ...
/// </code></example>
/// <fix><code>
/// class Scheduler:
///     """Picks hosts for servers."""
///
///     def select_host(self, server):
///         """Return the host with the most free RAM that satisfies the server's group policy."""
///         ...
/// </code></fix>
public sealed class MissingMethodDocstring : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY304", nameof(MissingMethodDocstring), Category.Documentation, Severity.Note, Languages.Python, "Public method without a docstring")
    {
        DocumentedBy = typeof(MissingMethodDocstring),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (!PublicApi.AppliesTo(file)) return;
        foreach (var function in file.Index.Functions)
        {
            if (function.Class is not { } cls || !PublicApi.IsPublic(file, cls)) continue;
            var name = function.Node.Name;
            if (!PublicApi.IsPublicName(name) || PublicApi.HasDocstring(function.Node.Body) || PublicApi.DocumentedElsewhere(file, function)) continue;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The public method '{cls.Node.Name}.{name}' has no docstring.");
        }
    }
}
