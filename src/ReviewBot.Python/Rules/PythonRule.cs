using ReviewBot.Engine.Rules;

namespace ReviewBot.Python.Rules;

/// <summary>
/// A Python rule: stateless, one per file under <c>Rules/&lt;Category&gt;/</c>, documented by its class's XML doc comment
/// (<c>summary</c>, <c>why</c>, <c>example</c>, <c>fix</c>, optional <c>safety</c>).
/// </summary>
public abstract class PythonRule
{
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>Reports the rule's findings in <paramref name="file"/> through <see cref="PythonFile.Report(RuleDescriptor, int, int, int, int, string, ReviewBot.Engine.Findings.Suggestion?)"/>.</summary>
    public abstract void Analyze(PythonFile file);

    /// <summary>Every rule of this assembly, ordered by id.</summary>
    public static IReadOnlyList<PythonRule> All { get; } = typeof(PythonRule).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(PythonRule)))
        .Select(t => (PythonRule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)
        .ToList();
}
