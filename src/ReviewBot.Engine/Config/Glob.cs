using System.Text;
using System.Text.RegularExpressions;

namespace ReviewBot.Engine.Config;

/// <summary>
/// A path glob as <c>exclude:</c> takes them: <c>*</c> matches within one folder name, <c>**</c> across folders,
/// <c>?</c> one character, <c>{a,b}</c> either. A pattern without a <c>/</c> matches a file or folder name anywhere
/// (<c>*.g.cs</c>); a pattern with one is anchored at the repository root (<c>src/Generated/**</c>); a pattern ending
/// in <c>/</c> matches everything under that folder.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var body = pattern.Trim().Replace('\\', '/');
        if (body.EndsWith('/')) body += "**";
        var anchored = body.TrimEnd('/').Contains('/');
        body = body.TrimStart('/');
        var regex = new StringBuilder(anchored ? "^" : "(^|/)");
        regex.Append(Translate(body));
        // A folder pattern also matches what lies beneath it.
        regex.Append("(/.*)?$");
        _regex = new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path.Replace('\\', '/'));

    private static string Translate(string glob)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                    builder.Append(slash ? "(.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*': builder.Append("[^/]*"); break;
                case '?': builder.Append("[^/]"); break;
                case '{': builder.Append('('); break;
                case '}': builder.Append(')'); break;
                case ',': builder.Append('|'); break;
                default: builder.Append(Regex.Escape(c.ToString())); break;
            }
        }

        return builder.ToString();
    }
}
