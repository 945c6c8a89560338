using System.Globalization;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using YamlDotNet.Core;
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
public static class ReviewConfigLoader
{
    /// <summary>The file name at the repository root.</summary>
    public const string FileName = ".reviewbot.yml";

    /// <summary>The keys the file may hold, for help texts.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["exclude", "filter", "max_inline_comments", "fail_on", "categories", "rules", "thresholds", "document_tests", "review_drafts"];

    private static readonly string[] ThresholdKeys = ["complexity", "nesting", "function_lines", "test_assertions"];

    public static ConfigLoadResult Parse(string yaml, string sourceName, RuleCatalog? catalog = null)
    {
        var notices = new List<Notice>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
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

        var reader = new Reader(sourceName, notices, catalog);
        return new ConfigLoadResult(reader.Read(root), notices);
    }

    private sealed class Reader(string source, List<Notice> notices, RuleCatalog? catalog)
    {
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
                        else Bad(value, "filter", "added, diff_context, file or nofilter");
                        break;
                    case "max_inline_comments":
                        if (Integer(value, 0, 1000) is { } max) config = config with { MaxInlineComments = max };
                        else Bad(value, "max_inline_comments", "a whole number from 0 to 1000");
                        break;
                    case "fail_on":
                        switch (Scalar(value)?.Trim().ToLowerInvariant())
                        {
                            case "none": config = config with { FailOn = FailOn.None }; break;
                            case "error": config = config with { FailOn = FailOn.Error }; break;
                            case "warning": config = config with { FailOn = FailOn.Warning }; break;
                            default: Bad(value, "fail_on", "none, error or warning"); break;
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
                        else Bad(value, "document_tests", "true or false");
                        break;
                    case "review_drafts":
                        if (Boolean(value) is { } drafts) config = config with { ReviewDrafts = drafts };
                        else Bad(value, "review_drafts", "true or false");
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
                    default: Bad(value, $"categories.{name}", "on or off"); break;
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
                    Bad(value, $"rules.{id}", "on, off, error, warning or note");
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
                var number = Integer(value, 1, 10_000);
                if (!ThresholdKeys.Contains(key))
                {
                    notices.Add(Problem(source, keyNode, $"unknown threshold '{key}' (known: {string.Join(", ", ThresholdKeys)}); it is ignored"));
                    continue;
                }

                if (number is not { } n)
                {
                    Bad(value, $"thresholds.{key}", "a whole number from 1 to 10000");
                    continue;
                }

                thresholds = key switch
                {
                    "complexity" => thresholds with { MaxComplexity = n },
                    "nesting" => thresholds with { MaxNesting = n },
                    "function_lines" => thresholds with { MaxFunctionLines = n },
                    _ => thresholds with { MaxTestAssertions = n },
                };
            }

            return thresholds;
        }

        private List<string> Strings(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode { Value: { Length: > 0 } single }:
                    return [single];
                case YamlSequenceNode sequence:
                    var values = new List<string>();
                    foreach (var item in sequence.Children)
                    {
                        if (item is YamlScalarNode { Value: { Length: > 0 } text }) values.Add(text);
                        else Bad(item, "exclude", "a list of path globs");
                    }

                    return values;
                default:
                    Bad(node, "exclude", "a list of path globs");
                    return [];
            }
        }

        private void Bad(YamlNode node, string key, string expected)
        {
            var shown = node is YamlScalarNode scalar ? $"'{scalar.Value}'" : "this value";
            notices.Add(Problem(source, node, $"{shown} is not valid for {key}: expected {expected}; the default is used"));
        }

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
