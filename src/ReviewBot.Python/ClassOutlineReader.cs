using System.Text;
using System.Text.RegularExpressions;

namespace ReviewBot.Python;

/// <summary>A class read from another file by its outline: where it is, the methods defined in its body, and its bases' last names.</summary>
public sealed record ClassOutline(string Path, IReadOnlySet<string> Methods, IReadOnlyList<string> Bases);

/// <summary>
/// Reads each <c>class Name(bases):</c> of a file with the <c>def</c>s indented under it, by indentation alone: another
/// file of the repository is outlined, not parsed. Lines inside triple-quoted strings are skipped (their indentation
/// says nothing about the class), and so are the continuation lines of a header whose bases span lines.
/// </summary>
internal sealed partial class ClassOutlineReader
{
    /// <summary>Stands for the bases of a class whose header is not closed within a few lines: unknown, so they may define anything.</summary>
    public const string UnknownBase = "?";

    private const int MaxHeaderLines = 20;

    private readonly string _path;
    private readonly List<(string, ClassOutline)> _outlines = [];
    private readonly List<(int Indent, string Name, List<string> Bases, HashSet<string> Methods)> _open = [];
    private string? _inString;
    private StringBuilder? _header;
    private int _headerLines;

    private ClassOutlineReader(string path) => _path = path;

    /// <summary>The outline of every class in <paramref name="text"/>, by class name.</summary>
    public static List<(string Name, ClassOutline Outline)> Read(string path, string text)
    {
        var reader = new ClassOutlineReader(path);
        foreach (var line in text.AsSpan().EnumerateLines()) reader.ReadLine(line.TrimEnd());
        reader.CloseClasses(-1);
        return reader._outlines;
    }

    /// <summary>'pkg.Base, Mixin, metaclass=Meta' gives "Base", "Mixin".</summary>
    public static IEnumerable<string> BaseNamesOf(string bases)
    {
        foreach (var part in bases.Split(','))
        {
            var name = part.Trim();
            if (name.Contains('=', StringComparison.Ordinal)) continue;
            name = name[(name.LastIndexOf('.') + 1)..];
            if (name.Length > 0) yield return name;
        }
    }

    private void ReadLine(ReadOnlySpan<char> line)
    {
        var body = line.TrimStart();
        if (_header is not null)
        {
            ContinueHeader(body);
            return;
        }

        var wasInString = _inString is not null;
        _inString = TripleQuoteStateAfter(line, _inString);
        if (wasInString || body.IsEmpty || body[0] == '#') return;
        var indent = line.Length - body.Length;
        CloseClasses(indent);
        if (body.StartsWith("class ") && ClassHeaderPattern().Match(body.ToString()) is { Success: true } header) OpenClass(indent, body, header);
        else if (MethodName(indent, body) is { } method) _open[^1].Methods.Add(method);
    }

    // A 'def' directly in the innermost open class's body.
    private string? MethodName(int indent, ReadOnlySpan<char> body)
    {
        if (_open.Count == 0 || indent <= _open[^1].Indent || !(body.StartsWith("def ") || body.StartsWith("async "))) return null;
        var def = DefPattern().Match(body.ToString());
        return def.Success ? def.Groups["name"].Value : null;
    }

    private void OpenClass(int indent, ReadOnlySpan<char> body, Match header)
    {
        var bases = header.Groups["bases"].Success ? BaseNamesOf(header.Groups["bases"].Value).ToList() : header.Groups["open"].Success ? [UnknownBase] : [];
        _open.Add((indent, header.Groups["name"].Value, bases, new HashSet<string>(StringComparer.Ordinal)));
        if (!header.Groups["open"].Success) return;
        _header = new StringBuilder(body[(body.IndexOf('(') + 1)..].ToString());
        _headerLines = 0;
    }

    // A header whose bases span lines: gathered up to its ')', or given up on as unknown.
    private void ContinueHeader(ReadOnlySpan<char> body)
    {
        _header!.Append(' ').Append(body);
        var closed = body.Contains(')');
        if (!closed && ++_headerLines < MaxHeaderLines) return;
        var bases = _open[^1].Bases;
        bases.Clear();
        var written = _header.ToString();
        if (closed) bases.AddRange(BaseNamesOf(written[..written.IndexOf(')', StringComparison.Ordinal)]));
        else bases.Add(UnknownBase);
        _header = null;
    }

    // Classes whose body ends at a line indented no deeper than their header.
    private void CloseClasses(int indent)
    {
        while (_open.Count > 0 && indent <= _open[^1].Indent)
        {
            var (_, name, bases, methods) = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            _outlines.Add((name, new ClassOutline(_path, methods, bases)));
        }
    }

    // The quote that opens a triple-quoted string still open after the line, or null.
    private static string? TripleQuoteStateAfter(ReadOnlySpan<char> line, string? open)
    {
        var i = 0;
        while (i + 2 < line.Length)
        {
            var next = line[i..].IndexOfAny('"', '\'', '#');
            if (next < 0) break;
            i += next;
            if (line[i] == '#' && open is null) break;
            var quote = TripleQuoteAt(line, i);
            if (quote is not null && (open is null || open == quote))
            {
                open = open is null ? quote : null;
                i += 3;
            }
            else
            {
                i++;
            }
        }

        return open;
    }

    private static string? TripleQuoteAt(ReadOnlySpan<char> line, int at)
    {
        var three = line.Slice(at, Math.Min(3, line.Length - at));
        return three is "\"\"\"" ? "\"\"\"" : three is "'''" ? "'''" : null;
    }

    [GeneratedRegex(@"^class\s+(?<name>\w+)\s*(?:\((?<bases>[^)]*)\)|(?<open>\())?", RegexOptions.CultureInvariant)]
    private static partial Regex ClassHeaderPattern();

    [GeneratedRegex(@"^(?:async\s+)?def\s+(?<name>\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex DefPattern();
}
