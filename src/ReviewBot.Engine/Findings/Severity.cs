namespace ReviewBot.Engine.Findings;

/// <summary>How serious a finding is; ordered so that a larger value is more serious.</summary>
public enum Severity
{
    Note = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>Wire names of <see cref="Severity"/> (<c>error</c>, <c>warning</c>, <c>note</c>).</summary>
public static class SeverityNames
{
    public static string Id(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string text, out Severity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "note": severity = Severity.Note; return true;
            default: severity = default; return false;
        }
    }
}
