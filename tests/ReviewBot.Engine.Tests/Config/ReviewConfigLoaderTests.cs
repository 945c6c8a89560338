using ReviewBot.Engine.Config;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Tests.Config;

public sealed class ReviewConfigLoaderTests
{
    private static readonly RuleCatalog Catalog = new([
        new RuleDescriptor("RBCS201", "SnakeCaseMethodName", Category.Naming, Severity.Warning, Languages.CSharp, "t"),
    ]);

    [Fact]
    public void Parse_EverySetting()
    {
        const string yaml = """
            exclude:
              - "**/Generated/**"
              - "*.g.cs"
            filter: diff_context
            max_inline_comments: 10
            fail_on: warning
            categories:
              documentation: off
            rules:
              RBCS201: error
            thresholds:
              complexity: 15
              nesting: 3
              function_lines: 80
              test_assertions: 12
            document_tests: true
            review_drafts: yes
            """;

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Empty(notices);
        Assert.True(config.IsExcluded("src/Generated/X.cs"));
        Assert.True(config.IsExcluded("a/Model.g.cs"));
        Assert.False(config.IsExcluded("src/X.cs"));
        Assert.Equal(FilterMode.DiffContext, config.Filter);
        Assert.Equal(10, config.MaxInlineComments);
        Assert.Equal(FailOn.Warning, config.FailOn);
        Assert.Contains(Category.Documentation, config.DisabledCategories);
        Assert.Equal(Severity.Error, config.RuleSeverity["RBCS201"]);
        Assert.Equal((15, 3, 80, 12, true), (config.Thresholds.MaxComplexity, config.Thresholds.MaxNesting,
            config.Thresholds.MaxFunctionLines, config.Thresholds.MaxTestAssertions, config.Thresholds.DocumentTests));
        Assert.True(config.ReviewDrafts);
    }

    [Fact]
    public void Parse_UnknownKeyAndBadValue_NoticeWithLine_DefaultsKept()
    {
        const string yaml = "filter: sometimes\nmax_inline: 3\nfail_on: error\nrules:\n  RBXX999: off\n";

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Equal(FilterMode.Added, config.Filter);
        Assert.Equal(FailOn.Error, config.FailOn);
        Assert.Collection(notices,
            n => Assert.Equal((1, ".reviewbot.yml:1: 'sometimes' is not valid for filter: expected added, diff_context, file or nofilter; the default is used."), (n.Line!.Value, n.Message)),
            n => Assert.StartsWith(".reviewbot.yml:2: unknown setting 'max_inline'", n.Message, StringComparison.Ordinal),
            n => Assert.StartsWith(".reviewbot.yml:5: unknown rule 'RBXX999'", n.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CorruptYaml_IsUnreadableWithLine()
    {
        var result = ReviewConfigLoader.Parse("filter: added\nexclude: [unclosed\nmore: x\n", "cfg.yml");

        Assert.True(result.IsUnreadable);
        var notice = Assert.Single(result.Notices);
        Assert.StartsWith("cfg.yml:", notice.Message, StringComparison.Ordinal);
        Assert.Same(ReviewConfig.Default, result.Config);
    }

    [Fact]
    public void Parse_BadIndentation_ReportsTheLine()
    {
        var result = ReviewConfigLoader.Parse("filter: added\n  fail_on: x\n: y\n", "cfg.yml");

        Assert.True(result.IsUnreadable);
        Assert.Equal(2, Assert.Single(result.Notices).Line);
    }

    [Fact]
    public void Parse_EmptyFile_IsDefaults()
    {
        var result = ReviewConfigLoader.Parse("", "cfg.yml");

        Assert.Empty(result.Notices);
        Assert.False(result.IsUnreadable);
    }

    [Fact]
    public void Parse_ListAtRoot_IsUnreadable()
    {
        var result = ReviewConfigLoader.Parse("- a\n- b\n", "cfg.yml");

        Assert.Equal("cfg.yml:1: the file must be a mapping of settings (key: value)", result.Unreadable);
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    // 100,000 brackets (200 KB) overflowed YamlDotNet's recursive document model and ended the process (exit 134).
    [Theory]
    [InlineData("flow sequence")]
    [InlineData("flow mapping")]
    [InlineData("block sequence")]
    public void Parse_NestedFarTooDeep_IsUnreadableWithNotice_NotACrash(string shape)
    {
        var yaml = shape switch
        {
            "flow sequence" => "exclude: " + Repeat("[", 100_000) + Repeat("]", 100_000) + "\n",
            "flow mapping" => "exclude: " + Repeat("{a: ", 50_000) + "1" + Repeat("}", 50_000) + "\n",
            _ => "exclude:\n  " + Repeat("- ", 100_000) + "x\n",
        };

        var result = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.True(result.IsUnreadable);
        Assert.Same(ReviewConfig.Default, result.Config);
        var notice = Assert.Single(result.Notices);
        Assert.Equal(NoticeKind.LimitExceeded, notice.Kind);
        Assert.Contains($"nested deeper than {ReviewConfigLoader.MaxDepth} levels", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingWithinTheLimit_IsRead()
    {
        // Depth 3 is what the settings need; a value nested deeper than a setting wants is a bad value, not a refusal.
        var yaml = "rules:\n  RBCS201: " + Repeat("[", ReviewConfigLoader.MaxDepth - 2) + Repeat("]", ReviewConfigLoader.MaxDepth - 2) + "\nfail_on: warning\n";

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Equal(FailOn.Warning, config.FailOn);
        Assert.Contains("not valid for rules.RBCS201", Assert.Single(notices).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverTheSizeLimit_NotReadDefaultsUsed()
    {
        var yaml = "fail_on: warning\nexclude:\n" + Repeat("  - \"**/generated-folder-name/**\"\n", 10_000);
        Assert.True(yaml.Length > ReviewConfigLoader.MaxBytes);

        var result = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.True(result.IsUnreadable);
        Assert.Equal(FailOn.Error, result.Config.FailOn);
        Assert.Contains($"over the limit of {ReviewConfigLoader.MaxBytes:N0}", Assert.Single(result.Notices).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyUnknownKeys_FirstNoticesThenACount()
    {
        var yaml = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i}: 1\n")) + "fail_on: warning\n";

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Equal(FailOn.Warning, config.FailOn);
        Assert.Equal(ReviewConfigLoader.MaxNotices + 1, notices.Count);
        Assert.Contains("unknown setting 'k0'", notices[0].Message, StringComparison.Ordinal);
        Assert.Contains($"and {20_000 - ReviewConfigLoader.MaxNotices:N0} more problems", notices[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyGlobs_TheFirstAreKept()
    {
        var yaml = "exclude:\n" + string.Concat(Enumerable.Range(0, ReviewConfigLoader.MaxExcludeGlobs + 100).Select(i => $"  - dir{i}/\n"))
            + "  - " + new string('a', ReviewConfigLoader.MaxGlobLength + 1) + "\n";

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Equal(ReviewConfigLoader.MaxExcludeGlobs, config.Exclude.Count);
        Assert.True(config.IsExcluded($"dir{ReviewConfigLoader.MaxExcludeGlobs - 1}/a.cs"));
        Assert.False(config.IsExcluded($"dir{ReviewConfigLoader.MaxExcludeGlobs}/a.cs"));
        Assert.Contains($"more than {ReviewConfigLoader.MaxExcludeGlobs} globs", Assert.Single(notices).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlongGlob_IsIgnoredWithNotice()
    {
        var yaml = "exclude:\n  - \"*.g.cs\"\n  - " + new string('a', ReviewConfigLoader.MaxGlobLength + 1) + "\n";

        var (config, notices) = ReviewConfigLoader.Parse(yaml, ".reviewbot.yml", Catalog);

        Assert.Equal("*.g.cs", Assert.Single(config.Exclude).Pattern);
        Assert.Contains($"longer than {ReviewConfigLoader.MaxGlobLength} characters", Assert.Single(notices).Message, StringComparison.Ordinal);
    }
}
