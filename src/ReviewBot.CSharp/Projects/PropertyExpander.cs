using System.Globalization;
using System.Text;

namespace ReviewBot.CSharp.Projects;

/// <summary>What an expansion can see: properties so far, the file being read, and which files exist.</summary>
internal interface IExpansionScope
{
    /// <summary>A property's value (reserved <c>MSBuild*</c> properties included), or null when it is not set.</summary>
    string? Property(string name);

    /// <summary>The virtual directory of the file being read, with its trailing slash.</summary>
    string ThisFileDirectory { get; }

    /// <summary>The virtual directory of the project, with its trailing slash.</summary>
    string ProjectDirectory { get; }

    /// <summary>
    /// Where <c>Exists()</c> resolves a relative path: the importing file's directory in the condition of an
    /// <c>Import</c> or <c>ImportGroup</c>, the project's everywhere else, as MSBuild does.
    /// </summary>
    string ConditionDirectory { get; }

    bool FileExists(string fullPath);

    bool DirectoryExists(string fullPath);
}

/// <summary>An expression the static reader does not evaluate (an unknown property function, items, the registry ...).</summary>
internal sealed class UnknownExpressionException(string expression) : Exception($"'{expression}' is not evaluated statically")
{
    public string Expression { get; } = expression;
}

/// <summary>
/// Expands <c>$(...)</c> the way MSBuild's evaluation does: properties, and the property functions real project files
/// use (<c>[MSBuild]::GetPathOfFileAbove</c>, <c>GetTargetFrameworkIdentifier</c>, version comparisons, the common string
/// methods). Anything else throws <see cref="UnknownExpressionException"/>: the caller decides what unknown means.
/// Nothing here runs code or touches anything but the repository snapshot.
/// </summary>
internal static class PropertyExpander
{
    /// <summary>The longest value an expansion may produce; past it, the expression is a file built to exhaust the reader.</summary>
    public const int MaxLength = 64 * 1024;

    private const int MaxDepth = 16;

    public static string Expand(string text, IExpansionScope scope) => Expand(text, scope, 0);

    private static string Expand(string text, IExpansionScope scope, int depth)
    {
        if (!text.Contains("$(", StringComparison.Ordinal)) return text;
        if (depth > MaxDepth) throw new UnknownExpressionException(Shorten(text));
        var builder = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var close = FindClose(text, i + 1);
                if (close < 0) throw new UnknownExpressionException(Shorten(text[i..]));
                builder.Append(Evaluate(text[(i + 2)..close], scope, depth + 1));
                i = close + 1;
            }
            else
            {
                builder.Append(text[i++]);
            }

            if (builder.Length > MaxLength) throw new UnknownExpressionException("a value over 64 KB");
        }

        return builder.ToString();
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, skipping quoted text; -1 if none.</summary>
    public static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '`' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) return -1;
                i = end;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Evaluate(string expression, IExpansionScope scope, int depth)
    {
        var cursor = new Cursor(expression.Trim());
        string value;
        if (cursor.Peek == '[')
        {
            var type = cursor.ReadUntil(']');
            cursor.Expect("]::");
            var method = cursor.ReadName();
            var args = cursor.Peek == '(' ? cursor.ReadArguments().Select(a => Argument(a, scope, depth)).ToList() : [];
            value = Static(type.Trim(), method, args, scope, expression);
            if (value.Length > MaxLength) throw new UnknownExpressionException("a value over 64 KB");
        }
        else
        {
            var name = cursor.ReadName();
            if (name.Length == 0) throw new UnknownExpressionException(Shorten(expression));
            value = scope.Property(name) ?? "";
        }

        while (!cursor.AtEnd && cursor.Peek == '.')
        {
            cursor.Expect(".");
            var member = cursor.ReadName();
            var args = cursor.Peek == '(' ? cursor.ReadArguments().Select(a => Argument(a, scope, depth)).ToList() : null;
            value = Instance(value, member, args, expression);
            if (value.Length > MaxLength) throw new UnknownExpressionException("a value over 64 KB");
        }

        if (!cursor.AtEnd) throw new UnknownExpressionException(Shorten(expression));
        return value;
    }

    private static string Argument(string raw, IExpansionScope scope, int depth)
    {
        var text = raw.Trim();
        if (text.Length >= 2 && text[0] is '\'' or '"' or '`' && text[^1] == text[0]) text = text[1..^1];
        return Expand(text, scope, depth + 1);
    }

    private static string Static(string type, string method, IReadOnlyList<string> args, IExpansionScope scope, string expression)
    {
        string Arg(int index) => index < args.Count ? args[index] : throw new UnknownExpressionException(Shorten(expression));
        switch (type.ToLowerInvariant(), method.ToLowerInvariant())
        {
            case ("msbuild", "getpathoffileabove"):
                return FileAbove(args.Count > 1 ? Arg(1) : scope.ThisFileDirectory, Arg(0), scope) is { } directory ? directory + Arg(0) : "";
            case ("msbuild", "getdirectorynameoffileabove"):
                return FileAbove(Arg(0), Arg(1), scope)?.TrimEnd('/') ?? "";
            case ("msbuild", "ensuretrailingslash"):
                return Arg(0).Length == 0 || Arg(0).EndsWith('/') || Arg(0).EndsWith('\\') ? Arg(0) : Arg(0) + "/";
            case ("msbuild", "normalizedirectory"):
                return MsBuildPath.Resolve(Combine(args), scope.ProjectDirectory).TrimEnd('/') + "/";
            case ("msbuild", "normalizepath"):
                return MsBuildPath.Resolve(Combine(args), scope.ProjectDirectory);
            case ("msbuild", "gettargetframeworkidentifier"):
                return TargetFrameworkMoniker.Parse(Arg(0))?.Identifier ?? "";
            case ("msbuild", "gettargetframeworkversion"):
                return TargetFrameworkMoniker.Parse(Arg(0)) is { } framework
                    ? (args.Count > 1 && int.TryParse(Arg(1), out var digits) ? framework.Version.ToString(Math.Clamp(digits, 1, 2)) : framework.Version.ToString(2))
                    : "";
            case ("msbuild", "gettargetplatformidentifier"):
                return TargetFrameworkMoniker.Parse(Arg(0))?.Platform ?? "";
            case ("msbuild", "istargetframeworkcompatible"):
                return TargetFrameworkMoniker.Parse(Arg(0)) is { } target && TargetFrameworkMoniker.Parse(Arg(1)) is { } referenced
                    ? Bool(target.CanReference(referenced))
                    : throw new UnknownExpressionException(Shorten(expression));
            case ("msbuild", "versionequals"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) == 0);
            case ("msbuild", "versionnotequals"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) != 0);
            case ("msbuild", "versiongreaterthan"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) > 0);
            case ("msbuild", "versiongreaterthanorequals"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) >= 0);
            case ("msbuild", "versionlessthan"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) < 0);
            case ("msbuild", "versionlessthanorequals"):
                return Bool(CompareVersions(Arg(0), Arg(1), expression) <= 0);
            case ("msbuild", "valueordefault"):
                return Arg(0).Length > 0 ? Arg(0) : Arg(1);
            case ("system.io.path", "combine"):
                return Combine(args);
            case ("system.io.path", "getfilename"):
                return Arg(0).Replace('\\', '/').Split('/')[^1];
            case ("system.io.path", "getdirectoryname"):
                return MsBuildPath.FolderOf(Arg(0).Replace('\\', '/').TrimEnd('/'));
            case ("system.io.file", "exists"):
                return Bool(scope.FileExists(MsBuildPath.Resolve(Arg(0), scope.ProjectDirectory)));
            case ("system.io.directory", "exists"):
                return Bool(scope.DirectoryExists(MsBuildPath.Resolve(Arg(0), scope.ProjectDirectory)));
            case ("system.string" or "string", "isnullorempty"):
                return Bool(Arg(0).Length == 0);
            case ("system.string" or "string", "isnullorwhitespace"):
                return Bool(string.IsNullOrWhiteSpace(Arg(0)));
            case ("system.string" or "string", "copy"):
                return Arg(0);
            case ("system.string" or "string", "concat"):
                return string.Concat(args);
            default:
                throw new UnknownExpressionException(Shorten(expression));
        }
    }

    private static string Instance(string value, string member, IReadOnlyList<string>? args, string expression)
    {
        string Arg(int index) => args is not null && index < args.Count ? args[index] : throw new UnknownExpressionException(Shorten(expression));
        switch (member.ToLowerInvariant())
        {
            case "length" when args is null:
                return value.Length.ToString(CultureInfo.InvariantCulture);
            case "startswith":
                return Bool(value.StartsWith(Arg(0), StringComparison.Ordinal));
            case "endswith":
                return Bool(value.EndsWith(Arg(0), StringComparison.Ordinal));
            case "contains":
                return Bool(value.Contains(Arg(0), StringComparison.Ordinal));
            case "equals":
                return Bool(value.Equals(Arg(0), StringComparison.Ordinal));
            case "replace":
                if (Arg(0).Length == 0) return value;
                // Measured before it is built: a replacement can multiply a value's length past any bound.
                var growth = (long)Occurrences(value, Arg(0)) * (Arg(1).Length - Arg(0).Length);
                if (value.Length + growth > MaxLength) throw new UnknownExpressionException("a value over 64 KB");
                return value.Replace(Arg(0), Arg(1), StringComparison.Ordinal);
            case "trim":
                return args is { Count: > 0 } ? value.Trim(Arg(0).ToCharArray()) : value.Trim();
            case "trimend":
                return args is { Count: > 0 } ? value.TrimEnd(Arg(0).ToCharArray()) : value.TrimEnd();
            case "trimstart":
                return args is { Count: > 0 } ? value.TrimStart(Arg(0).ToCharArray()) : value.TrimStart();
            case "tolower" or "tolowerinvariant":
                return value.ToLowerInvariant();
            case "toupper" or "toupperinvariant":
                return value.ToUpperInvariant();
            case "indexof":
                return value.IndexOf(Arg(0), StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture);
            case "substring":
                if (!int.TryParse(Arg(0), out var start) || start < 0 || start > value.Length) throw new UnknownExpressionException(Shorten(expression));
                if (args!.Count < 2) return value[start..];
                if (!int.TryParse(Arg(1), out var length) || length < 0 || start + length > value.Length) throw new UnknownExpressionException(Shorten(expression));
                return value.Substring(start, length);
            default:
                throw new UnknownExpressionException(Shorten(expression));
        }
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> holding <paramref name="file"/>, with its trailing slash.</summary>
    private static string? FileAbove(string start, string file, IExpansionScope scope)
    {
        var directory = MsBuildPath.Resolve(start.Length == 0 ? scope.ThisFileDirectory : start, scope.ProjectDirectory).TrimEnd('/') + "/";
        while (MsBuildPath.ToRepository(directory) is not null)
        {
            if (scope.FileExists(directory + file)) return directory;
            if (directory == MsBuildPath.Root) break;
            directory = directory[..(directory.TrimEnd('/').LastIndexOf('/') + 1)];
        }

        return null;
    }

    private static string Combine(IReadOnlyList<string> parts)
    {
        var path = "";
        foreach (var part in parts)
        {
            var next = part.Replace('\\', '/');
            path = next.StartsWith('/') || path.Length == 0 ? next : path.TrimEnd('/') + "/" + next;
        }

        return path;
    }

    private static int CompareVersions(string left, string right, string expression) =>
        ParseVersion(left) is { } a && ParseVersion(right) is { } b ? a.CompareTo(b) : throw new UnknownExpressionException(Shorten(expression));

    public static Version? ParseVersion(string text)
    {
        var trimmed = text.Trim().TrimStart('v', 'V');
        var dash = trimmed.IndexOfAny(['-', '+']);
        if (dash >= 0) trimmed = trimmed[..dash];
        if (!trimmed.Contains('.', StringComparison.Ordinal)) trimmed += ".0";
        return Version.TryParse(trimmed, out var version) ? version : null;
    }

    private static int Occurrences(string value, string part)
    {
        var count = 0;
        for (var at = value.IndexOf(part, StringComparison.Ordinal); at >= 0; at = value.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Bool(bool value) => value ? "True" : "False";

    private static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text;

    /// <summary>A reader over one <c>$(...)</c> body.</summary>
    private sealed class Cursor(string text)
    {
        private int _position;

        public bool AtEnd => SkipSpace() >= text.Length;

        public char Peek => SkipSpace() < text.Length ? text[_position] : '\0';

        public string ReadName()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '-')) _position++;
            return text[start.._position];
        }

        public string ReadUntil(char end)
        {
            SkipSpace();
            var start = _position + 1;
            var stop = text.IndexOf(end, start);
            if (text[_position] != '[' || stop < 0) throw new UnknownExpressionException(text);
            _position = stop;
            return text[start..stop];
        }

        public void Expect(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0) throw new UnknownExpressionException(text);
            _position += token.Length;
        }

        /// <summary>The raw arguments of a call at the cursor, split at top-level commas.</summary>
        public List<string> ReadArguments()
        {
            SkipSpace();
            var close = FindClose(text, _position);
            if (close < 0) throw new UnknownExpressionException(text);
            var body = text[(_position + 1)..close];
            _position = close + 1;
            var args = new List<string>();
            if (body.Trim().Length == 0) return args;
            var depth = 0;
            var start = 0;
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c is '\'' or '`' or '"')
                {
                    var end = body.IndexOf(c, i + 1);
                    if (end < 0) throw new UnknownExpressionException(text);
                    i = end;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    args.Add(body[start..i]);
                    start = i + 1;
                }
            }

            args.Add(body[start..]);
            return args;
        }

        private int SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
            return _position;
        }
    }
}
