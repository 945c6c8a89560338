using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Documentation;

/// <summary>A public module without a docstring (pydocstyle D100). Not reported for tests, private modules (<c>_name.py</c>), package <c>__init__.py</c> files, stubs and empty modules.</summary>
/// <why>The module docstring is what <c>help()</c>, IDEs and documentation generators show first; without it a reader must infer the module's purpose from its code.</why>
/// <example><code>
/// import logging
///
/// def evacuate(server): ...
/// </code></example>
/// <fix><code>
/// """Evacuation of servers from a failed compute host."""
/// import logging
///
/// def evacuate(server): ...
/// </code></fix>
public sealed class MissingModuleDocstring : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY301", nameof(MissingModuleDocstring), Category.Documentation, Severity.Note, Languages.Python, "Public module without a docstring")
    {
        DocumentedBy = typeof(MissingModuleDocstring),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (!PublicApi.AppliesTo(file) || file.IsPackageInit || file.Module.Body.Count == 0) return;
        var name = System.IO.Path.GetFileNameWithoutExtension(file.Path);
        if (!PublicApi.IsPublicName(name) || PublicApi.HasDocstring(file.Module.Body)) return;
        file.Report(Rule, 1, 1, 1, 1, $"The module '{name}' has no docstring.");
    }
}
