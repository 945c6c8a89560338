using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.FunctionLength;

/// <summary>
/// A method, constructor, accessor, operator or local function whose body has more non-blank lines than the threshold
/// (<setting>thresholds.function_lines</setting>), not counting the braces. Reported once, on its name, with
/// the count.
/// </summary>
/// <why>
/// A long function does several things: it cannot be named precisely, read in one screen, or tested piece by piece,
/// and changes to it conflict more often.
/// </why>
/// <example>
/// <code>
/// public void Import(string path)
/// {
///     // 120 lines: read, validate, map, save, report
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public void Import(string path)
/// {
///     var rows = Read(path);
///     var orders = Validate(rows).Select(Map).ToList();
///     Save(orders);
///     Report(orders);
/// }
/// </code>
/// </fix>
internal sealed class LongFunction() : CSharpRule("RBCS801", Category.FunctionLength, Severity.Note, "Function too long")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = Functions.Kinds;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (Functions.Describe(node) is not { } function) return;
        int first, last;
        if (function.Body is BlockSyntax block)
        {
            first = file.LineOf(block.OpenBraceToken.Span.End) + 1;
            last = file.LineOf(block.CloseBraceToken.SpanStart) - 1;
            // Code on the brace lines themselves ("{ return x;" styles) still counts.
            if (block.Statements.Count > 0)
            {
                first = Math.Min(first, file.LineOf(block.Statements[0].SpanStart));
                last = Math.Max(last, file.LineOf(block.Statements[^1].Span.End));
            }
        }
        else
        {
            first = file.LineOf(function.Body.SpanStart);
            last = file.LineOf(function.Body.Span.End);
        }

        var limit = file.Thresholds.MaxFunctionLines;
        if (last - first + 1 <= limit) return;
        var lines = 0;
        for (var line = first; line <= last; line++)
        {
            if (!string.IsNullOrWhiteSpace(file.Source.Lines.GetLine(line))) lines++;
        }

        if (lines <= limit) return;
        file.Report(this, function.NameToken, $"{function.Kind} '{function.Name}' has {lines} lines in its body (> {limit}); split it into smaller functions.");
    }
}
