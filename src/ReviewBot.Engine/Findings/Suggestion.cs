namespace ReviewBot.Engine.Findings;

/// <summary>
/// A mechanical fix: replace whole lines <see cref="StartLine"/>..<see cref="EndLine"/> (1-based, inclusive, new side)
/// with <see cref="Replacement"/>. Whole lines because that is what a GitHub ```suggestion block replaces.
/// An empty replacement deletes the lines.
/// </summary>
public sealed record Suggestion(int StartLine, int EndLine, string Replacement, string Description);
