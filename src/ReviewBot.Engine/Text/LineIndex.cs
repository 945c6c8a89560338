namespace ReviewBot.Engine.Text;

/// <summary>
/// Line access over a text, with <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> all ending a line, as git and editors count
/// them. Lines are 1-based. A final line terminator does not start an extra line.
/// </summary>
public sealed class LineIndex
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public LineIndex(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                _starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                _starts.Add(i + 1);
            }
        }

        // "a\n" has one line, not two; "" has none.
        if (_starts[^1] == text.Length) _starts.RemoveAt(_starts.Count - 1);
    }

    /// <summary>The text the index was built over.</summary>
    public string Text => _text;

    /// <summary>The number of lines.</summary>
    public int Count => _starts.Count;

    /// <summary>The text of line <paramref name="line"/> without its terminator; empty past the end.</summary>
    public string GetLine(int line)
    {
        if (line < 1 || line > _starts.Count) return "";
        var start = _starts[line - 1];
        var end = line < _starts.Count ? _starts[line] : _text.Length;
        while (end > start && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;
        return _text[start..end];
    }

    /// <summary>The 0-based offset of the first character of <paramref name="line"/>.</summary>
    public int LineStart(int line) => _starts[Math.Clamp(line, 1, Math.Max(1, _starts.Count)) - 1];

    /// <summary>Converts a 0-based offset to a 1-based line and column.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var index = _starts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        index = Math.Max(0, index);
        return (index + 1, offset - _starts[index] + 1);
    }

    /// <summary>The length of the longest line.</summary>
    public int LongestLine()
    {
        var longest = 0;
        for (var line = 1; line <= _starts.Count; line++)
        {
            var start = _starts[line - 1];
            var end = line < _starts.Count ? _starts[line] : _text.Length;
            while (end > start && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;
            longest = Math.Max(longest, end - start);
        }

        return longest;
    }
}
