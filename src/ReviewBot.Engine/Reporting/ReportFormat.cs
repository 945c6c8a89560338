using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Reporting;

/// <summary>The report formats of <c>reviewbot review --format</c>.</summary>
public enum ReportFormat
{
    Text,
    Markdown,
    Json,
    Sarif,
}

public static class ReportFormats
{
    public static bool TryParse(string text, out ReportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);

    public static string Render(ReviewResult result, ReportFormat format, ReportMetadata metadata) => format switch
    {
        ReportFormat.Markdown => MarkdownSummary.Render(result),
        ReportFormat.Json => JsonReport.Render(result, metadata),
        ReportFormat.Sarif => SarifReport.Render(result, metadata),
        _ => TextReport.Render(result),
    };
}
