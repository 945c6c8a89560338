using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.UnusedCode;

/// <summary>
/// A private function or method (<c>_name</c>) whose name appears nowhere else: not called, not referenced, not in a
/// string (<c>getattr</c>), not in <c>__all__</c>, and not in any other Python file of the repository. Decorated
/// functions (registered by their decorator) and methods that may override a base class's are not reported, and
/// nothing is reported when the review has no repository to search.
/// </summary>
/// <why>Dead code is read, reviewed and maintained for nothing, and it misleads readers into thinking some path still uses it.</why>
/// <example><code>
/// def _legacy_host_filter(hosts):
///     return [h for h in hosts if h.enabled]
/// </code></example>
/// <fix><code>
/// # Delete the function; version control remembers it.
/// </code></fix>
public sealed class UnusedPrivateFunction : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY403", nameof(UnusedPrivateFunction), Category.UnusedCode, Severity.Note, Languages.Python, "Private function never used")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(UnusedPrivateFunction)),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        // Other modules of the package may call a private function ('handle._run()'): without the repository, say nothing.
        if (file.IsStub || !file.Repository.IsAvailable) return;
        Dictionary<string, int>? counts = null;
        foreach (var function in file.Index.Functions)
        {
            var name = function.Node.Name;
            if (!name.StartsWith('_') || name.StartsWith("__", StringComparison.Ordinal) || name.Trim('_').Length == 0) continue;
            if (function.Node.Decorators.Count > 0 || function.Parent is not null) continue;
            if (function.Class is { } cls && Naming.NamingConventions.MayOverride(file, cls, name)) continue;
            counts ??= WordCounts(file.Text);
            if (counts.GetValueOrDefault(name) > 1 || file.Repository.ContainsElsewhere(file.Path, name)) continue;
            var kind = function.IsMethod ? "method" : "function";
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The private {kind} '{name}' is never used in this module or elsewhere in the repository; remove it.");
        }
    }

    // Whole-word occurrences of every private word (starting with '_') in the text, strings and comments included.
    private static Dictionary<string, int> WordCounts(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        RepositoryText.ForEachPrivateWord(text, counts.GetAlternateLookup<ReadOnlySpan<char>>(), static (word, lookup) =>
            lookup[word] = lookup.TryGetValue(word, out var count) ? count + 1 : 1);
        return counts;
    }
}
