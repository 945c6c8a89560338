using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Analysis;

/// <summary>A file to analyze: its repository-relative path (forward slashes) and its decoded text at head.</summary>
public sealed class SourceFile(string path, string text)
{
    private LineIndex? _lines;

    public string Path { get; } = path;

    public string Text { get; } = text;

    public LineIndex Lines => _lines ??= new LineIndex(Text);

    public override string ToString() => Path;
}
