using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Documentation;

/// <summary>A public class without a docstring (pydocstyle D101). Not reported for private classes, classes inside functions, names left out of <c>__all__</c>, and tests.</summary>
/// <why>A class docstring says what an instance represents and how it is meant to be used; that is what a caller reads in <c>help()</c> or an IDE tooltip.</why>
/// <example><code>
/// class ServerGroup:
///     def __init__(self, policy): ...
/// </code></example>
/// <fix><code>
/// class ServerGroup:
///     """Servers placed together or apart according to a policy."""
///
///     def __init__(self, policy): ...
/// </code></fix>
public sealed class MissingClassDocstring : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY302", nameof(MissingClassDocstring), Category.Documentation, Severity.Note, Languages.Python, "Public class without a docstring")
    {
        DocumentedBy = typeof(MissingClassDocstring),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (!PublicApi.AppliesTo(file)) return;
        foreach (var cls in file.Index.Classes)
        {
            if (!PublicApi.IsPublic(file, cls) || PublicApi.HasDocstring(cls.Node.Body)) continue;
            var name = cls.Node.Name;
            file.Report(Rule, cls.Node.Line, cls.Node.NameColumn, cls.Node.Line, cls.Node.NameColumn + name.Length, $"The public class '{name}' has no docstring.");
        }
    }
}
