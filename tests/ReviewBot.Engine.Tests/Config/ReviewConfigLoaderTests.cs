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
}
