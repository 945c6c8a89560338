using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Tests.Review;

/// <summary>
/// A real (if tiny) analyzer for engine tests: each rule flags the lines that contain its marker word, e.g. a line
/// with <c>SECRET</c> gets a security finding. Files whose text starts with <c>CRASH</c> make it throw.
/// </summary>
internal sealed class MarkerAnalyzer : ILanguageAnalyzer
{
    public static readonly RuleDescriptor Secret = new("RBTX101", "HardCodedSecret", Category.Security, Severity.Error, "text", "secret");
    public static readonly RuleDescriptor BadName = new("RBTX201", "BadName", Category.Naming, Severity.Warning, "text", "name");
    public static readonly RuleDescriptor Unused = new("RBTX401", "UnusedThing", Category.UnusedCode, Severity.Warning, "text", "unused");
    public static readonly RuleDescriptor LogFormat = new("RBTX701", "FormattedLog", Category.Logging, Severity.Note, "text", "log");

    private static readonly (string Marker, RuleDescriptor Rule, string Message)[] Markers =
    [
        ("SECRET", Secret, "A password is hard-coded in 'SECRET'."),
        ("badName", BadName, "Name 'badName' is not in snake_case."),
        ("UNUSED", Unused, "The 'os' module is imported but not used."),
        ("LOGF", LogFormat, "The log message is built with an f-string."),
    ];

    public string Language => "text";

    public IReadOnlyList<RuleDescriptor> Rules { get; } = Markers.Select(m => m.Rule).ToList();

    public bool CanAnalyze(string path) => path.EndsWith(".txt", StringComparison.Ordinal);

    public AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken) =>
        ParallelFileAnalysis.Run(files, file =>
        {
            if (file.Text.StartsWith("CRASH", StringComparison.Ordinal)) throw new InvalidOperationException("boom");
            var findings = new List<Finding>();
            for (var line = 1; line <= file.Lines.Count; line++)
            {
                var text = file.Lines.GetLine(line);
                foreach (var (marker, rule, message) in Markers)
                {
                    var column = text.IndexOf(marker, StringComparison.Ordinal);
                    if (column >= 0 && context.Rules.IsEnabled(rule))
                    {
                        findings.Add(rule.CreateFinding(file.Path, line, column + 1, line, column + 1 + marker.Length, message));
                    }
                }
            }

            return new AnalyzerOutput(findings, []);
        }, cancellationToken);
}
