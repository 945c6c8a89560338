using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Naming;

/// <summary>
/// A class not named in CapWords (<c>server_group</c>, <c>serverGroup</c>) in a file whose other classes are CapWords
/// (PEP 8). Classes that act as functions by design (decorators, descriptors, context managers such as
/// <c>closing</c>) are not reported.
/// </summary>
/// <why>CapWords tells the reader that calling the name constructs an object; PEP 8 and the rest of the file use it.</why>
/// <example><code>
/// class ServerGroup: ...
/// class evacuation_task: ...
/// </code></example>
/// <fix><code>
/// class ServerGroup: ...
/// class EvacuationTask: ...
/// </code></fix>
public sealed class ClassNameNotCapWords : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY202", nameof(ClassNameNotCapWords), Category.Naming, Severity.Note, Languages.Python, "Class name not in CapWords")
    {
        DocumentedBy = typeof(ClassNameNotCapWords),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var classes = file.Index.Classes;
        var capWords = classes.Count(c => IsCapWords(c.Node.Name));
        var other = classes.Where(c => !IsCapWords(c.Node.Name) && !ActsAsFunction(c) && !file.Semantics.IsInAll(c.Node.Name)).ToList();
        if (other.Count == 0 || capWords <= other.Count) return;
        foreach (var cls in other)
        {
            var name = cls.Node.Name;
            file.Report(Rule, cls.Node.Line, cls.Node.NameColumn, cls.Node.Line, cls.Node.NameColumn + name.Length,
                $"The class '{name}' is not CapWords while {capWords} other classes in this file are; rename it '{ToCapWords(name)}'.");
        }
    }

    // Upper-case initials with underscores (NNTP_SSL) are left alone: only names starting lower case are reported.
    private static bool IsCapWords(string name)
    {
        var trimmed = name.TrimStart('_');
        return trimmed.Length > 0 && char.IsAsciiLetterUpper(trimmed[0]);
    }

    private static bool ActsAsFunction(ClassInfo cls) =>
        !cls.Node.Name.TrimStart('_').Contains('_') && !cls.Node.Name.Any(char.IsAsciiLetterUpper)
        || cls.Node.Body.Any(s => s is FunctionDefinition { Name: "__call__" or "__get__" or "__set__" or "__enter__" or "__aenter__" or "__new__" });

    private static string ToCapWords(string name) =>
        string.Concat(name.TrimStart('_').Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
