using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace ReviewBot.Engine.Rules;

/// <summary>
/// A rule's documentation in fixed sections, as ruff documents its rules. It is written once, as the rule class's
/// XML doc comment, and read from the compiler's documentation file at run time:
/// <c>&lt;summary&gt;</c> (what it flags), <c>&lt;why&gt;</c>, <c>&lt;example&gt;</c> (code that is flagged),
/// <c>&lt;fix&gt;</c> (use instead) and optionally <c>&lt;safety&gt;</c> (fix safety).
/// </summary>
public sealed record RuleDoc(string WhatItFlags, string WhyItMatters, string Example, string UseInstead, string? FixSafety)
{
    public static RuleDoc Empty { get; } = new("", "", "", "", null);

    /// <summary>
    /// The <c>.reviewbot.yml</c> keys the doc cites with <c>&lt;setting&gt;key&lt;/setting&gt;</c>, rendered as the key
    /// and its default from <see cref="Config.ReviewSettings"/>; a key the table lacks is rendered as such and fails the docs test.
    /// </summary>
    public IReadOnlyList<string> CitedSettings { get; init; } = [];

    public bool IsComplete =>
        WhatItFlags.Length > 0 && WhyItMatters.Length > 0 && Example.Length > 0 && UseInstead.Length > 0;

    /// <summary>The doc as Markdown, for SARIF <c>help.markdown</c> and the rules page.</summary>
    public string ToMarkdown()
    {
        var builder = new StringBuilder();
        builder.Append("**What it flags:** ").Append(WhatItFlags).Append("\n\n");
        builder.Append("**Why it matters:** ").Append(WhyItMatters).Append("\n\n");
        builder.Append("**Example:**\n\n```\n").Append(Example).Append("\n```\n\n");
        builder.Append("**Use instead:**\n\n```\n").Append(UseInstead).Append("\n```\n");
        if (!string.IsNullOrEmpty(FixSafety)) builder.Append("\n**Fix safety:** ").Append(FixSafety).Append('\n');
        return builder.ToString();
    }

    /// <summary>The doc as plain text, for SARIF <c>help.text</c> and the terminal.</summary>
    public string ToPlainText()
    {
        var builder = new StringBuilder();
        builder.Append("What it flags: ").Append(WhatItFlags).Append('\n');
        builder.Append("Why it matters: ").Append(WhyItMatters).Append('\n');
        builder.Append("Example:\n").Append(Indent(Example)).Append('\n');
        builder.Append("Use instead:\n").Append(Indent(UseInstead)).Append('\n');
        if (!string.IsNullOrEmpty(FixSafety)) builder.Append("Fix safety: ").Append(FixSafety).Append('\n');
        return builder.ToString();
    }

    private static string Indent(string code) => "    " + code.Replace("\n", "\n    ", StringComparison.Ordinal);

    private static readonly Dictionary<Assembly, XDocument?> Loaded = [];
    private static readonly Lock LoadLock = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, RuleDoc> ByType = new();

    /// <summary>
    /// The doc comment of <paramref name="ruleType"/> from its assembly's documentation file
    /// (<c>GenerateDocumentationFile</c>), read once per type. <see cref="Empty"/> when the file or the comment is absent.
    /// </summary>
    public static RuleDoc FromXmlDocumentation(Type ruleType) => ByType.GetOrAdd(ruleType, Read);

    private static RuleDoc Read(Type ruleType)
    {
        var document = Load(ruleType.Assembly);
        var member = document?.Root?.Element("members")?.Elements("member")
            .FirstOrDefault(m => (string?)m.Attribute("name") == "T:" + ruleType.FullName);
        if (member is null) return Empty;
        var cited = new List<string>();
        return new RuleDoc(
            Text(member.Element("summary"), cited),
            Text(member.Element("why"), cited),
            Code(member.Element("example")),
            Code(member.Element("fix")),
            member.Element("safety") is { } safety ? Text(safety, cited) : null)
        {
            CitedSettings = cited,
        };
    }

    private static XDocument? Load(Assembly assembly)
    {
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(assembly, out var cached)) return cached;
            XDocument? document = null;
            var location = assembly.Location;
            var path = string.IsNullOrEmpty(location) ? null : Path.ChangeExtension(location, ".xml");
            if (path is null || !File.Exists(path))
            {
                path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
            }

            if (File.Exists(path))
            {
                try
                {
                    document = XDocument.Load(path);
                }
                catch (System.Xml.XmlException)
                {
                    document = null;
                }
            }

            Loaded[assembly] = document;
            return document;
        }
    }

    // Prose: collapse the doc comment's indentation and line breaks; keep inline code as `code`.
    private static string Text(XElement? element, List<string> cited)
    {
        if (element is null) return "";
        var builder = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text: builder.Append(text.Value); break;
                case XElement { Name.LocalName: "c" } c: builder.Append('`').Append(c.Value).Append('`'); break;
                case XElement { Name.LocalName: "see" } see:
                    builder.Append('`').Append(((string?)see.Attribute("cref") ?? see.Value).Split(':', '.').Last()).Append('`');
                    break;
                case XElement { Name.LocalName: "setting" } setting:
                    cited.Add(setting.Value.Trim());
                    builder.Append(Config.ReviewSettings.Find(setting.Value.Trim()) is { } known
                        ? $"`{known.Key}`, {known.Default} by default"
                        : $"`{setting.Value.Trim()}` (no such setting)");
                    break;
                case XElement other: builder.Append(other.Value); break;
            }
        }

        return string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // Code: keep line structure, drop the common indentation the doc comment adds.
    private static string Code(XElement? element)
    {
        if (element is null) return "";
        var code = element.Element("code")?.Value ?? element.Value;
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0])) lines.RemoveAt(0);
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1])) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
