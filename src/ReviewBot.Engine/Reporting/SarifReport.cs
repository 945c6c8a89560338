using System.Text;
using System.Text.Json;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Reporting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning accepts it: rule metadata with help, results with repository-relative
/// locations, partial fingerprints and fixes, and notices as tool execution notifications.
/// </summary>
public static class SarifReport
{
    public static string Render(ReviewResult result, ReportMetadata metadata)
    {
        var texts = result.Files.Where(f => f.Text is not null).ToDictionary(f => f.Path, f => new Text.LineIndex(f.Text!), StringComparer.Ordinal);
        var rules = result.Catalog.Rules;
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "ReviewBot");
            json.WriteString("informationUri", metadata.InformationUri);
            json.WriteString("version", metadata.ToolVersion);
            json.WriteString("semanticVersion", metadata.ToolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in rules) WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var notice in result.Notices) WriteNotice(json, notice);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            if (metadata.HeadSha is not null && metadata.RepositoryUri is not null)
            {
                json.WriteStartArray("versionControlProvenance");
                json.WriteStartObject();
                json.WriteString("repositoryUri", metadata.RepositoryUri);
                json.WriteString("revisionId", metadata.HeadSha);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartArray("results");
            foreach (var finding in result.Reported)
            {
                WriteResult(json, finding, ruleIndex, texts.GetValueOrDefault(finding.Path));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Doc.WhatItFlags.Length > 0 ? rule.Doc.WhatItFlags : rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", rule.Doc.IsComplete ? rule.Doc.ToPlainText() : rule.Title);
        json.WriteString("markdown", rule.Doc.IsComplete ? rule.Doc.ToMarkdown() : rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", rule.Category.Id());
        json.WriteString("language", rule.Language);
        // The category id "security" is also the tag GitHub code scanning looks for; SARIF requires unique tags.
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Category.Id());
        json.WriteStringValue(rule.Language);
        json.WriteEndArray();
        if (rule.Category == Category.Security) json.WriteString("security-severity", rule.DefaultSeverity == Severity.Error ? "7.5" : "5.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNotice(Utf8JsonWriter json, Notice notice)
    {
        json.WriteStartObject();
        json.WriteString("level", notice.IsWarning ? "warning" : "note");
        json.WriteStartObject("message");
        json.WriteString("text", notice.Path is null ? notice.Message : $"{notice.Path}: {notice.Message}");
        json.WriteEndObject();
        json.WriteStartObject("descriptor");
        json.WriteString("id", notice.Kind.ToString());
        json.WriteEndObject();
        if (notice.Path is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            WriteArtifact(json, notice.Path);
            if (notice.Line is { } line)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, line));
                if (notice.Column is { } column) json.WriteNumber("startColumn", Math.Max(1, column));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, Dictionary<string, int> ruleIndex, Text.LineIndex? lines)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index)) json.WriteNumber("ruleIndex", index);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, finding.Path);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.StartLine);
        json.WriteNumber("startColumn", Math.Max(1, finding.StartColumn));
        json.WriteNumber("endLine", Math.Max(finding.StartLine, finding.EndLine));
        json.WriteNumber("endColumn", Math.Max(1, finding.EndColumn));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("reviewbot/v1", finding.Fingerprint);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", finding.Category.Id());
        json.WriteEndObject();

        if (finding.Suggestion is { } suggestion)
        {
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", suggestion.Description);
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifact(json, finding.Path);
            json.WriteStartArray("replacements");
            json.WriteStartObject();
            // Whole lines: from the start of the first to the start of the line after the last (or the end of the file).
            json.WriteStartObject("deletedRegion");
            json.WriteNumber("startLine", suggestion.StartLine);
            json.WriteNumber("startColumn", 1);
            var lastLine = lines?.Count ?? suggestion.EndLine;
            if (suggestion.EndLine < lastLine)
            {
                json.WriteNumber("endLine", suggestion.EndLine + 1);
                json.WriteNumber("endColumn", 1);
            }
            else
            {
                json.WriteNumber("endLine", suggestion.EndLine);
                json.WriteNumber("endColumn", (lines?.GetLine(suggestion.EndLine).Length ?? 0) + 1);
            }

            json.WriteEndObject();
            json.WriteStartObject("insertedContent");
            var replacement = suggestion.Replacement;
            if (replacement.Length > 0 && suggestion.EndLine < lastLine && !replacement.EndsWith('\n')) replacement += "\n";
            json.WriteString("text", replacement);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(path.Replace('\\', '/')).Replace("%2F", "/", StringComparison.Ordinal));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
    }
}
