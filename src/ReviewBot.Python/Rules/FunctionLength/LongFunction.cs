using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.FunctionLength;

/// <summary>
/// A function with more lines of code than the configured limit (<setting>thresholds.function_lines</setting>),
/// reported on its <c>def</c> line. Blank lines, comment lines and the docstring are not counted.
/// </summary>
/// <why>A long function does several things; it is harder to name, test and change than the smaller functions it contains.</why>
/// <example><code>
/// def test_parallel_evacuate_with_server_group(self):
///     # ... 90 lines: set-up, two evacuations, checks
/// </code></example>
/// <fix><code>
/// def test_parallel_evacuate_with_server_group(self):
///     servers = self._boot_servers_in_group()
///     self._evacuate_in_parallel(servers)
///     self._assert_group_policy_kept(servers)
/// </code></fix>
public sealed class LongFunction : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY801", nameof(LongFunction), Category.FunctionLength, Severity.Note, Languages.Python, "Function too long")
    {
        DocumentedBy = typeof(LongFunction),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var limit = file.Thresholds.MaxFunctionLines;
        foreach (var function in file.Index.Functions)
        {
            var node = function.Node;
            if (node.EndLine - node.Line <= limit) continue;
            var docstring = SyntaxFacts.Docstring(node.Body);
            var lines = 0;
            for (var line = node.Line + 1; line <= node.EndLine; line++)
            {
                if (docstring is not null && line >= docstring.Line && line <= docstring.EndLine) continue;
                var text = file.Lines.GetLine(line).TrimStart();
                if (text.Length > 0 && text[0] != '#') lines++;
            }

            if (lines <= limit) continue;
            file.Report(Rule, node.Line, node.NameColumn, node.Line, node.NameColumn + node.Name.Length,
                $"The function '{node.Name}' has {lines} lines of code, above the limit of {limit}; extract its steps into smaller functions.");
        }
    }
}
