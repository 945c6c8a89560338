using System.Text.RegularExpressions;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.UnusedCode;

/// <summary>
/// A private function or method (<c>_name</c>, or a class-private <c>__name</c>) whose name appears nowhere else: not
/// called, not referenced, not in a string (<c>getattr</c>), not in <c>__all__</c>, and not in any other Python, C, C++ or
/// Cython file of the repository (C code calls Python functions by name). Nothing is reported when the review has no repository to search, nor for a name that mentions
/// tests (<c>_reset_for_tests</c>: a test suite may live elsewhere), nor for what may be called without its name being
/// spelled:
/// a name that starts with a prefix the module or another file builds names from (<c>getattr(self, "_handle_" + kind)</c>,
/// <c>"_visit_%s" % kind</c>); a decorated function (registered by its decorator); a method that may override a base
/// class's; a single-underscore method of a class another file of the repository derives from (a hook for its
/// subclasses); a module function whose first parameter is <c>self</c> or <c>cls</c> (a method attached to a class by
/// assignment or from C); and a function whose docstring or the comment above it names its caller or use ("used by",
/// "used for", "called from", "the implementation of", "helper for", "for testing", "hook", "callback", a C source
/// file such as <c>_warnings.c</c>).
/// </summary>
/// <why>Dead code is read, reviewed and maintained for nothing, and it misleads readers into thinking some path still uses it.</why>
/// <example><code>
/// def _legacy_host_filter(hosts):
///     return [h for h in hosts if h.enabled]
/// </code></example>
/// <fix><code>
/// # Delete the function; version control remembers it.
/// </code></fix>
public sealed partial class UnusedPrivateFunction : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY403", nameof(UnusedPrivateFunction), Category.UnusedCode, Severity.Note, Languages.Python, "Private function never used")
    {
        DocumentedBy = typeof(UnusedPrivateFunction),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        // Other modules of the package may call a private function ('handle._run()'): without the repository, say nothing.
        if (file.IsStub || !file.Repository.IsAvailable) return;
        Dictionary<string, int>? counts = null;
        List<string>? prefixes = null;
        foreach (var function in file.Index.Functions.Where(IsCandidate))
        {
            var name = function.Node.Name;
            counts ??= WordCounts(file.Text);
            if (IsSpelled(file, function, counts)) continue;
            if (function.Class is { } cls && ClassHierarchy.MayOverride(file, cls, name)) continue;
            prefixes ??= RepositoryText.DispatchPrefixes(file.Text).ToList();
            if (prefixes.Any(prefix => RepositoryText.IsBuiltFrom(name, prefix)) || file.Repository.DispatchedElsewhere(file.Path, name)) continue;
            if (MayBeCalledUnnamed(file, function)) continue;
            var kind = function.IsMethod ? "method" : "function";
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The private {kind} '{name}' is never used in this module or elsewhere in the repository; remove it.");
        }
    }

    // A private, undecorated function or method, not nested in another, whose name does not say it is kept for tests
    // ('_test_backlog', '_reset_for_tests': a test suite may live outside the repository).
    private static bool IsCandidate(FunctionInfo function)
    {
        var name = function.Node.Name;
        return name.StartsWith('_') && !SyntaxFacts.IsDunder(name) && name.Trim('_').Length > 0
            && !name.Contains("test", StringComparison.OrdinalIgnoreCase)
            && function.Node.Decorators.Count == 0 && function.Parent is null;
    }

    // Spelled again in the module (a class-private name also as '_Class__name') or in another file of the repository.
    private static bool IsSpelled(PythonFile file, FunctionInfo function, Dictionary<string, int> counts)
    {
        var name = function.Node.Name;
        if (counts.GetValueOrDefault(name) > 1 || file.Repository.ContainsElsewhere(file.Path, name)) return true;
        return function.Class is { } owner && IsClassPrivate(name) && counts.ContainsKey("_" + owner.Node.Name.TrimStart('_') + name);
    }

    // '__name' in a class is mangled to '_Class__name': only the class itself (or '_Class__name') can reach it.
    private static bool IsClassPrivate(string name) => name.StartsWith("__", StringComparison.Ordinal);

    // Callers that never spell the name: a subclass elsewhere (a hook), the class it is attached to (first parameter
    // 'self'/'cls' at module level), or a caller its author named in the docstring or the comment above it.
    private static bool MayBeCalledUnnamed(PythonFile file, FunctionInfo function)
    {
        if (function.Class is { } cls)
        {
            if (!IsClassPrivate(function.Node.Name) && file.Repository.SubclassedElsewhere(file.Path, cls.Node.Name)) return true;
        }
        else if (function.Node.Parameters.Parameters is [{ Name: "self" or "cls" }, ..])
        {
            return true;
        }

        if (SyntaxFacts.Docstring(function.Node.Body) is { } docstring && NamesACaller().IsMatch(file.TextOf(docstring))) return true;
        return CommentAbove(file, function.Node.Decorators.Count > 0 ? function.Node.Decorators[0].Line : function.Node.Line) is { } comment && NamesACaller().IsMatch(comment);
    }

    // The comment lines above a definition (one blank line between them allowed), joined.
    private static string? CommentAbove(PythonFile file, int line)
    {
        var comment = new List<string>();
        var above = line - 1;
        if (above >= 1 && file.Lines.GetLine(above).Trim().Length == 0) above--;
        for (; above >= 1; above--)
        {
            var text = file.Lines.GetLine(above).Trim();
            if (!text.StartsWith('#')) break;
            comment.Add(text);
        }

        return comment.Count == 0 ? null : string.Join(' ', comment);
    }

    [GeneratedRegex(@"\b(?:used\s+(?:by|from|in|for)|(?:called|invoked)\s+(?:by|from|in)|implementation\s+of|helper\s+(?:function\s+)?for|for\s+testing|hooks?|callbacks?|\w+\.c)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesACaller();

    // Whole-word occurrences of every private word (starting with '_') in the text, strings and comments included.
    private static Dictionary<string, int> WordCounts(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        RepositoryText.ForEachPrivateWord(text, counts.GetAlternateLookup<ReadOnlySpan<char>>(), static (word, lookup) =>
            lookup[word] = lookup.TryGetValue(word, out var count) ? count + 1 : 1);
        return counts;
    }
}
