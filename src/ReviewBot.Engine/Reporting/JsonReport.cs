using System.Text;
using System.Text.Json;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Reporting;

/// <summary>Every reported finding with every field, plus the notices, for scripts.</summary>
public static class JsonReport
{
    public static string Render(ReviewResult result, ReportMetadata metadata)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "reviewbot");
            json.WriteString("version", metadata.ToolVersion);
            if (metadata.BaseSha is not null) json.WriteString("base", metadata.BaseSha);
            if (metadata.HeadSha is not null) json.WriteString("head", metadata.HeadSha);
            if (metadata.MergeBaseSha is not null) json.WriteString("mergeBase", metadata.MergeBaseSha);
            json.WriteString("filter", result.Config.Filter.Id());
            json.WriteNumber("filesChanged", result.Files.Count);
            json.WriteNumber("filesAnalyzed", result.AnalyzedFileCount);
            json.WriteBoolean("failOnMet", result.MeetsFailOn);

            json.WriteStartObject("counts");
            foreach (var group in result.Reported.GroupBy(f => f.Category).OrderBy(g => g.Key)) json.WriteNumber(group.Key.Id(), group.Count());
            json.WriteEndObject();

            json.WriteStartArray("findings");
            foreach (var finding in result.Reported) WriteFinding(json, finding, result);
            json.WriteEndArray();

            json.WriteStartArray("notices");
            foreach (var notice in result.Notices)
            {
                json.WriteStartObject();
                json.WriteString("kind", notice.Kind.ToString());
                if (notice.Path is not null) json.WriteString("path", notice.Path);
                if (notice.Line is { } line) json.WriteNumber("line", line);
                if (notice.Column is { } column) json.WriteNumber("column", column);
                json.WriteString("message", notice.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, ReviewResult result)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (result.Catalog.Find(finding.RuleId) is { } rule)
        {
            json.WriteString("ruleName", rule.Name);
            json.WriteString("language", rule.Language);
        }

        json.WriteString("category", finding.Category.Id());
        json.WriteString("severity", finding.Severity.Id());
        json.WriteString("path", finding.Path);
        json.WriteNumber("startLine", finding.StartLine);
        json.WriteNumber("startColumn", finding.StartColumn);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteNumber("endColumn", finding.EndColumn);
        json.WriteString("message", finding.Message);
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteString("diff", finding.Mark switch
        {
            DiffMark.AddedLine => "added",
            DiffMark.DiffContext => "context",
            DiffMark.ChangedFile => "file",
            _ => "outside",
        });
        if (finding.InTestCode) json.WriteBoolean("inTestCode", true);
        if (finding.Suggestion is { } suggestion)
        {
            json.WriteStartObject("suggestion");
            json.WriteNumber("startLine", suggestion.StartLine);
            json.WriteNumber("endLine", suggestion.EndLine);
            json.WriteString("replacement", suggestion.Replacement);
            json.WriteString("description", suggestion.Description);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}

/// <summary>Facts about the review run that the engine does not know itself.</summary>
public sealed record ReportMetadata
{
    public string ToolVersion { get; init; } = typeof(ReportMetadata).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
    public string? BaseSha { get; init; }
    public string? HeadSha { get; init; }
    public string? MergeBaseSha { get; init; }
    public string InformationUri { get; init; } = "https://github.com/reviewbot/reviewbot";

    /// <summary>The reviewed repository's web or clone URL, without credentials; null when unknown.</summary>
    public string? RepositoryUri { get; init; }
}
