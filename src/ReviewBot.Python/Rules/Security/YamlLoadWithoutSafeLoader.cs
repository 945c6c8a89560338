using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary><c>yaml.load</c> or <c>yaml.load_all</c> without a safe loader, and <c>yaml.unsafe_load</c> (bandit B506).</summary>
/// <why>PyYAML's full loaders construct arbitrary Python objects from tags such as <c>!!python/object/apply</c>, which runs code.</why>
/// <example><code>
/// config = yaml.load(stream)
/// </code></example>
/// <fix><code>
/// config = yaml.safe_load(stream)
/// </code></fix>
public sealed class YamlLoadWithoutSafeLoader : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY104", nameof(YamlLoadWithoutSafeLoader), Category.Security, Severity.Error, Languages.Python, "yaml.load without a safe loader")
    {
        DocumentedBy = typeof(YamlLoadWithoutSafeLoader),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            var name = file.QualifiedName(call.Function);
            if (name is "yaml.unsafe_load" or "yaml.unsafe_load_all")
            {
                file.Report(Rule, call, $"The call to '{name}' constructs arbitrary Python objects; use yaml.safe_load.");
                continue;
            }

            if (name is not ("yaml.load" or "yaml.load_all")) continue;
            var loader = call.Keyword("Loader") ?? (call.Arguments.Count > 1 && call.Arguments[1].Name is null ? call.Arguments[1].Value : null);
            var loaderName = loader is null ? null : SyntaxFacts.DottedName(loader);
            if (loader is not null && (loaderName is null || loaderName.EndsWith("SafeLoader", StringComparison.Ordinal) || loaderName.EndsWith("BaseLoader", StringComparison.Ordinal))) continue;
            file.Report(Rule, call, $"The call to '{name}' uses {(loaderName is null ? "the default loader" : $"'{loaderName}'")}, which can construct arbitrary Python objects; use yaml.safe_load or Loader=yaml.SafeLoader.");
        }
    }
}
