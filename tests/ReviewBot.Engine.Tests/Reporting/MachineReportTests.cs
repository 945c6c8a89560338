using System.Text.Json;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Rules;
using ReviewBot.Engine.Tests.Review;

namespace ReviewBot.Engine.Tests.Reporting;

public sealed class MachineReportTests
{
    /// <summary>Adds a deletion suggestion to every unused-code finding, as the real rules do.</summary>
    private sealed class SuggestingAnalyzer : ILanguageAnalyzer
    {
        private readonly MarkerAnalyzer _inner = new();

        public string Language => _inner.Language;

        public IReadOnlyList<RuleDescriptor> Rules => _inner.Rules;

        public bool CanAnalyze(string path) => _inner.CanAnalyze(path);

        public AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken)
        {
            var output = _inner.Analyze(files, context, cancellationToken);
            return output with
            {
                Findings = output.Findings.Select(f => f.Category == Category.UnusedCode
                    ? f with { Suggestion = new Suggestion(f.StartLine, f.StartLine, "", "Remove the unused import.") }
                    : f).ToList(),
            };
        }
    }

    private static readonly ReviewEngine Engine = new(new AnalyzerRegistry([new SuggestingAnalyzer()]));

    private static ReviewResult Sample() => Engine.Review(new ReviewInput([
        TestChanges.Added("src/dir name/a.txt", "UNUSED\nSECRET\nbadName\n"),
        TestChanges.Added("crash.txt", "CRASH\n"),
    ]));

    [Fact]
    public void Sarif_HasTheFieldsCodeScanningRequires()
    {
        var sarif = JsonDocument.Parse(SarifReport.Render(Sample(), new ReportMetadata { HeadSha = "abc" })).RootElement;

        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = sarif.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(4, rules.Count);
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
            Assert.Contains(rule.GetProperty("properties").GetProperty("category").GetString(), CategoryNames.AllIds);
            var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Equal(tags.Distinct().Count(), tags.Count);
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var unused = results.Single(r => r.GetProperty("ruleId").GetString() == "RBTX401");
        Assert.Equal("warning", unused.GetProperty("level").GetString());
        var location = unused.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/dir%20name/a.txt", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        Assert.Equal((1, 1, 1, 7), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
            region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        Assert.False(string.IsNullOrEmpty(unused.GetProperty("partialFingerprints").GetProperty("reviewbot/v1").GetString()));
        var replacement = unused.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal((1, 2), (replacement.GetProperty("deletedRegion").GetProperty("startLine").GetInt32(), replacement.GetProperty("deletedRegion").GetProperty("endLine").GetInt32()));
        Assert.Equal("", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
        Assert.Equal("error", results.Single(r => r.GetProperty("ruleId").GetString() == "RBTX101").GetProperty("level").GetString());
        var secretRule = rules.Single(r => r.GetProperty("id").GetString() == "RBTX101");
        Assert.Contains("security", secretRule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var notification = Assert.Single(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Contains("crash.txt", notification.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("crash.txt", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Json_HasEveryFieldAndTheNotices()
    {
        var json = JsonDocument.Parse(JsonReport.Render(Sample(), new ReportMetadata { BaseSha = "b", HeadSha = "h" })).RootElement;

        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(3, findings.Count);
        var first = findings[0];
        foreach (var field in new[] { "ruleId", "ruleName", "category", "severity", "path", "startLine", "startColumn", "endLine", "endColumn", "message", "fingerprint", "diff" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("", findings.Single(f => f.GetProperty("ruleId").GetString() == "RBTX401").GetProperty("suggestion").GetProperty("replacement").GetString());
        Assert.Equal("crash.txt", Assert.Single(json.GetProperty("notices").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("security").GetInt32());
        Assert.True(json.GetProperty("failOnMet").GetBoolean());
    }

    [Fact]
    public void Text_PrintsCompilerStyleLines()
    {
        var text = TextReport.Render(Sample());

        Assert.Contains("\nsrc/dir name/a.txt:2:1: error [RBTX101] A password is hard-coded in 'SECRET'.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownSummary.Marker, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", ReportFormat.Text)]
    [InlineData("SARIF", ReportFormat.Sarif)]
    [InlineData("markdown", ReportFormat.Markdown)]
    public void ReportFormat_Parses(string text, ReportFormat expected)
    {
        Assert.True(ReportFormats.TryParse(text, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("2")]
    public void ReportFormat_RejectsOthers(string text) => Assert.False(ReportFormats.TryParse(text, out _));

    [Fact]
    public void RuleDoc_ReadsDocCommentSections()
    {
        var doc = RuleDoc.FromXmlDocumentation(typeof(ReviewEngine));

        // The engine's own types carry summaries but no rule sections: incomplete, never invented.
        Assert.False(doc.IsComplete);
        Assert.Contains("analysis, filter and fingerprint stages", doc.WhatItFlags, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedFile_ExposesDiff()
    {
        var file = TestChanges.Added("x.txt", "a\nb\n");

        Assert.IsType<ChangedFile>(file);
        Assert.Equal([1, 2], file.Lines.AddedLines.Order());
    }
}
