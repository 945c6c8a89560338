using System.Globalization;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ReviewBot.Engine.Config;

/// <summary>The outcome of reading a configuration file: the settings, and a notice for every problem found in it.</summary>
public sealed record ConfigLoadResult(ReviewConfig Config, IReadOnlyList<Notice> Notices)
{
    /// <summary>True when the file was not YAML at all (as opposed to YAML with some bad values).</summary>
    public bool IsUnreadable => Unreadable is not null;

    /// <summary>Why the file could not be read at all (<c>cfg.yml:2: not valid YAML (...)</c>); null when it could.</summary>
    public string? Unreadable { get; init; }
}

/// <summary>
/// Reads <c>.reviewbot.yml</c>. Lenient by design: an unknown key or a bad value becomes a notice with the file and
/// line, and that setting keeps its default, so a typo never switches a review off.
/// </summary>
/// <remarks>
/// The file is written by whoever can push to the default branch, so it is bounded like code under review: its size
/// (<see cref="MaxBytes"/>) before it is read, its nesting (<see cref="MaxDepth"/>) while YamlDotNet reads it (its
/// document model recurses once per level and a few thousand levels end the process), the globs it may list, and the
/// notices it may cause.
/// </remarks>
public static class ReviewConfigLoader
{
    /// <summary>The file name at the repository root.</summary>
    public const string FileName = ".reviewbot.yml";

    /// <summary>Bytes of the file; a larger one is not read and the defaults are used.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Nesting of mappings and sequences; the settings need 3 levels, a deeper file is not read.</summary>
    public const int MaxDepth = 32;

    /// <summary>Globs under <c>exclude:</c>; the rest are ignored with a notice.</summary>
    public const int MaxExcludeGlobs = 500;

    /// <summary>Characters of one glob.</summary>
    public const int MaxGlobLength = 1000;

    /// <summary>Notices listed for one file; the rest are counted in one closing notice.</summary>
    public const int MaxNotices = 20;

    /// <summary>The keys the file may hold at its top level (<see cref="ReviewSettings"/>), for help texts.</summary>
    public static IReadOnlyList<string> Keys => ReviewSettings.TopLevelKeys;

    private static readonly string[] ThresholdKeys = ReviewSettings.ThresholdSettings.Select(s => s.Key["thresholds.".Length..]).ToArray();

    /// <summary>
    /// Reads a file of <paramref name="sizeBytes"/>: <paramref name="readText"/> is called only when the size is within
    /// <see cref="MaxBytes"/>, so a file over it costs nothing to refuse.
    /// </summary>
    public static ConfigLoadResult Load(long sizeBytes, Func<string> readText, string sourceName, RuleCatalog? catalog = null) =>
        sizeBytes > MaxBytes ? TooLarge(sizeBytes, sourceName) : Parse(readText(), sourceName, catalog);

    private static ConfigLoadResult TooLarge(long sizeBytes, string sourceName)
    {
        var problem = $"{sourceName}: the file is {sizeBytes:N0} bytes, over the limit of {MaxBytes:N0}; it was not read";
        return new ConfigLoadResult(ReviewConfig.Default, [new Notice(NoticeKind.LimitExceeded, sourceName, problem + " and the defaults are used.")])
        {
            Unreadable = problem,
        };
    }

    public static ConfigLoadResult Parse(string yaml, string sourceName, RuleCatalog? catalog = null)
    {
        // Characters, not bytes: a bound either way, and callers that read bytes check those first (Load).
        if (yaml.Length > MaxBytes) return TooLarge(yaml.Length, sourceName);

        var notices = new List<Notice>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml)), MaxDepth));
        }
        catch (TooDeepException exception)
        {
            var problem = $"{sourceName}:{exception.Line}: nested deeper than {MaxDepth} levels; the file was not read";
            notices.Add(new Notice(NoticeKind.LimitExceeded, sourceName, problem + " and the defaults are used.") { Line = exception.Line });
            return new ConfigLoadResult(ReviewConfig.Default, notices) { Unreadable = problem };
        }
        catch (YamlException exception)
        {
            var line = (int)exception.Start.Line;
            var problem = $"{sourceName}:{line}: not valid YAML ({FirstSentence(exception.Message)})";
            notices.Add(new Notice(NoticeKind.Configuration, sourceName, problem + "; the defaults are used.") { Line = line });
            return new ConfigLoadResult(ReviewConfig.Default, notices) { Unreadable = problem };
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            var problem = $"{sourceName}: not valid YAML";
            notices.Add(new Notice(NoticeKind.Configuration, sourceName, problem + "; the defaults are used."));
            return new ConfigLoadResult(ReviewConfig.Default, notices) { Unreadable = problem };
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new ConfigLoadResult(ReviewConfig.Default, notices);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            var problem = $"{sourceName}:{node.Start.Line}: the file must be a mapping of settings (key: value)";
            notices.Add(new Notice(NoticeKind.Configuration, sourceName, problem + "; the defaults are used.") { Line = (int)node.Start.Line });
            return new ConfigLoadResult(ReviewConfig.Default, notices) { Unreadable = problem };
        }

        var reader = new Reader(sourceName, new NoticeList(notices), catalog);
        var config = reader.Read(root);
        if (reader.Notices.Dropped > 0)
        {
            notices.Add(new Notice(
                NoticeKind.Configuration,
                sourceName,
                $"{sourceName}: and {reader.Notices.Dropped:N0} more problems (only the first {MaxNotices} are listed)."));
        }

        return new ConfigLoadResult(config, notices);
    }

    /// <summary>Keeps the first <see cref="MaxNotices"/> notices and counts the rest.</summary>
    private sealed class NoticeList(List<Notice> kept)
    {
        public int Dropped { get; private set; }

        public void Add(Notice notice)
        {
            if (kept.Count < MaxNotices) kept.Add(notice);
            else Dropped++;
        }
    }

    /// <summary>
    /// Passes the parser's events through and stops with <see cref="TooDeepException"/> when mappings and sequences nest
    /// deeper than the limit, before YamlDotNet's document model recurses into them. The parser itself keeps its state
    /// on the heap.
    /// </summary>
    private sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case SequenceStart or MappingStart:
                    if (++_depth > maxDepth) throw new TooDeepException((int)inner.Current.Start.Line);
                    break;
                case SequenceEnd or MappingEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }

    private sealed class TooDeepException(int line) : Exception("The configuration is nested too deeply.")
    {
        public int Line { get; } = line;
    }

    private sealed class Reader(string source, NoticeList notices, RuleCatalog? catalog)
    {
        public NoticeList Notices => notices;

        public ReviewConfig Read(YamlMappingNode root)
        {
            var config = ReviewConfig.Default;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                switch (key)
                {
                    case "exclude":
                        config = config with { Exclude = Strings(value).Select(p => new Glob(p)).ToList() };
                        break;
                    case "filter":
                        if (Scalar(value) is { } filterText && FilterModes.TryParse(filterText, out var filter)) config = config with { Filter = filter };
                        else Bad(value, ReviewSettings.Filter);
                        break;
                    case "max_inline_comments":
                        if (Integer(value, ReviewSettings.MaxInlineComments) is { } max) config = config with { MaxInlineComments = max };
                        else Bad(value, ReviewSettings.MaxInlineComments);
                        break;
                    case "fail_on":
                        switch (Scalar(value)?.Trim().ToLowerInvariant())
                        {
                            case "none": config = config with { FailOn = FailOn.None }; break;
                            case "error": config = config with { FailOn = FailOn.Error }; break;
                            case "warning": config = config with { FailOn = FailOn.Warning }; break;
                            default: Bad(value, ReviewSettings.FailOn); break;
                        }

                        break;
                    case "categories":
                        config = config with { DisabledCategories = Categories(value) };
                        break;
                    case "rules":
                        config = Rules(value, config);
                        break;
                    case "thresholds":
                        config = config with { Thresholds = Thresholds(value, config.Thresholds) };
                        break;
                    case "document_tests":
                        if (Boolean(value) is { } documentTests) config = config with { Thresholds = config.Thresholds with { DocumentTests = documentTests } };
                        else Bad(value, ReviewSettings.DocumentTests);
                        break;
                    case "review_drafts":
                        if (Boolean(value) is { } drafts) config = config with { ReviewDrafts = drafts };
                        else Bad(value, ReviewSettings.ReviewDrafts);
                        break;
                    default:
                        notices.Add(Problem(source, keyNode, $"unknown setting '{key}' (known: {string.Join(", ", Keys)}); it is ignored"));
                        break;
                }
            }

            return config;
        }

        private HashSet<Category> Categories(YamlNode node)
        {
            var disabled = new HashSet<Category>();
            if (node is not YamlMappingNode map)
            {
                Bad(node, "categories", "a mapping of category: on|off");
                return disabled;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var name = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!CategoryNames.TryParse(name, out var category))
                {
                    notices.Add(Problem(source, keyNode, $"unknown category '{name}' (known: {string.Join(", ", CategoryNames.AllIds)}); it is ignored"));
                    continue;
                }

                switch (Boolean(value))
                {
                    case false: disabled.Add(category); break;
                    case true: break;
                    default: Bad(value, $"categories.{name}", ReviewSettings.Categories.Expected); break;
                }
            }

            return disabled;
        }

        private ReviewConfig Rules(YamlNode node, ReviewConfig config)
        {
            if (node is not YamlMappingNode map)
            {
                Bad(node, "rules", "a mapping of RULE-ID: on|off|error|warning|note");
                return config;
            }

            var enabled = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            var severity = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var (keyNode, value) in map.Children)
            {
                var id = (keyNode as YamlScalarNode)?.Value ?? "";
                if (catalog is not null && !catalog.Contains(id))
                {
                    notices.Add(Problem(source, keyNode, $"unknown rule '{id}' (run `reviewbot rules` to list them); it is ignored"));
                    continue;
                }

                var text = Scalar(value);
                if (text is not null && SeverityNames.TryParse(text, out var level))
                {
                    enabled[id] = true;
                    severity[id] = level;
                }
                else if (Boolean(value) is { } on)
                {
                    enabled[id] = on;
                }
                else
                {
                    Bad(value, $"rules.{id}", ReviewSettings.Rules.Expected);
                }
            }

            return config with { RuleEnabled = enabled, RuleSeverity = severity };
        }

        private AnalysisThresholds Thresholds(YamlNode node, AnalysisThresholds thresholds)
        {
            if (node is not YamlMappingNode map)
            {
                Bad(node, "thresholds", $"a mapping with any of {string.Join(", ", ThresholdKeys)}");
                return thresholds;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (ReviewSettings.Find("thresholds." + key) is not { } setting)
                {
                    notices.Add(Problem(source, keyNode, $"unknown threshold '{key}' (known: {string.Join(", ", ThresholdKeys)}); it is ignored"));
                    continue;
                }

                if (Integer(value, setting) is not { } n)
                {
                    Bad(value, setting);
                    continue;
                }

                thresholds = setting == ReviewSettings.Complexity ? thresholds with { MaxComplexity = n }
                    : setting == ReviewSettings.Nesting ? thresholds with { MaxNesting = n }
                    : setting == ReviewSettings.FunctionLines ? thresholds with { MaxFunctionLines = n }
                    : setting == ReviewSettings.TestAssertions ? thresholds with { MaxTestAssertions = n }
                    : throw new InvalidOperationException($"The threshold '{setting.Key}' is in the settings table but not read.");
            }

            return thresholds;
        }

        private List<string> Strings(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode { Value: { Length: > 0 and <= MaxGlobLength } single }:
                    return [single];
                case YamlSequenceNode sequence:
                    var values = new List<string>();
                    foreach (var item in sequence.Children)
                    {
                        if (values.Count == MaxExcludeGlobs)
                        {
                            notices.Add(Problem(source, item, $"more than {MaxExcludeGlobs} globs under exclude; this one and the rest are ignored"));
                            break;
                        }

                        if (item is YamlScalarNode { Value: { Length: > 0 } text } && text.Length <= MaxGlobLength) values.Add(text);
                        else if (item is YamlScalarNode { Value.Length: > MaxGlobLength }) notices.Add(Problem(source, item, $"a glob longer than {MaxGlobLength} characters; it is ignored"));
                        else Bad(item, ReviewSettings.Exclude);
                    }

                    return values;
                default:
                    Bad(node, ReviewSettings.Exclude);
                    return [];
            }
        }

        private void Bad(YamlNode node, string key, string expected)
        {
            var shown = node is YamlScalarNode scalar ? $"'{scalar.Value}'" : "this value";
            notices.Add(Problem(source, node, $"{shown} is not valid for {key}: expected {expected}; the default is used"));
        }

        private void Bad(YamlNode node, SettingDefinition setting) => Bad(node, setting.Key, setting.Expected);

        private static int? Integer(YamlNode node, SettingDefinition setting) => Integer(node, setting.Min, setting.Max);

        private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

        private static int? Integer(YamlNode node, int min, int max) =>
            Scalar(node) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

        private static bool? Boolean(YamlNode node) => Scalar(node)?.Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => null,
        };
    }

    private static Notice Problem(string source, YamlNode node, string message)
    {
        var line = (int)node.Start.Line;
        return new Notice(NoticeKind.Configuration, source, $"{source}:{line}: {message}.") { Line = line, Column = (int)node.Start.Column };
    }

    private static string FirstSentence(string message)
    {
        var text = message.Split('\n')[0].Trim();
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; the line is already in our message.
        var colon = text.LastIndexOf("): ", StringComparison.Ordinal);
        return (colon >= 0 ? text[(colon + 3)..] : text).TrimEnd('.');
    }
}
