using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Tests.Review;

public sealed class ReviewEngineTests
{
    private static readonly ReviewEngine Engine = new(new AnalyzerRegistry([new MarkerAnalyzer()]));

    private static string Lines(int count, Func<int, string?> special) =>
        string.Concat(Enumerable.Range(1, count).Select(n => (special(n) ?? $"plain line {n}") + "\n"));

    [Fact]
    public void AddedMode_ReportsOnlyAddedLines_FileModeReportsAll()
    {
        var text = Lines(30, n => n is 2 or 20 ? $"badName {n}" : null);
        var file = TestChanges.Modified("a.txt", text, 20);

        var result = Engine.Review(new ReviewInput([file]));

        Assert.Equal([2, 20], result.Findings.Select(f => f.StartLine));
        Assert.Equal([20], result.Reported.Select(f => f.StartLine));
        var fileMode = Engine.Review(new ReviewInput([file]) { Config = new ReviewConfig { Filter = FilterMode.File } });
        Assert.Equal([2, 20], fileMode.Reported.Select(f => f.StartLine));
        Assert.Equal([DiffMark.ChangedFile, DiffMark.AddedLine], result.Findings.Select(f => f.Mark));
    }

    [Fact]
    public void DiffContextMode_IncludesContextLines()
    {
        var text = Lines(30, n => n is 18 or 5 ? $"badName {n}" : null);
        var result = Engine.Review(new ReviewInput([TestChanges.Modified("a.txt", text, 20)]) { Config = new ReviewConfig { Filter = FilterMode.DiffContext } });

        Assert.Equal([18], result.Reported.Select(f => f.StartLine));
    }

    [Fact]
    public void Findings_AreInStableOrder_AcrossParallelFiles()
    {
        var files = Enumerable.Range(0, 40).Reverse()
            .Select(i => TestChanges.Added($"f{i:D2}.txt", "UNUSED badName\nSECRET\n"))
            .ToList();

        var first = Engine.Review(new ReviewInput(files));
        var second = Engine.Review(new ReviewInput(files.AsEnumerable().Reverse().ToList()));

        Assert.Equal(120, first.Findings.Count);
        Assert.Equal("f00.txt", first.Findings[0].Path);
        Assert.Equal(["RBTX201", "RBTX401"], first.Findings.Take(2).Select(f => f.RuleId).Order());
        Assert.Equal(first.Findings.Select(f => (f.Path, f.StartLine, f.StartColumn, f.RuleId)), second.Findings.Select(f => (f.Path, f.StartLine, f.StartColumn, f.RuleId)));
    }

    [Fact]
    public void OversizedFile_AndLongLine_BecomeNotices_RestIsReviewed()
    {
        var big = TestChanges.Added("big.txt", string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 100)) + "SECRET\n");
        var wide = TestChanges.Added("wide.txt", "SECRET " + new string('y', 6000) + "\n");
        var fine = TestChanges.Added("fine.txt", "SECRET\n");
        var limits = new FileLimits { MaxFileBytes = 8000 };

        var result = Engine.Review(new ReviewInput([big, wide, fine]) { Limits = limits });

        Assert.Equal(["fine.txt"], result.Findings.Select(f => f.Path));
        Assert.Contains(result.Notices, n => n is { Path: "big.txt", Kind: NoticeKind.LimitExceeded } && n.Message.Contains("over the limit of 8,000", StringComparison.Ordinal));
        Assert.Contains(result.Notices, n => n is { Path: "wide.txt", Kind: NoticeKind.LimitExceeded } && n.Message.Contains("line of 6,007 characters", StringComparison.Ordinal));
        Assert.Equal(1, result.AnalyzedFileCount);
    }

    [Fact]
    public void TooManyFiles_AnalyzesUpToTheLimit_WithANotice()
    {
        var files = Enumerable.Range(0, 5).Select(i => TestChanges.Added($"f{i}.txt", "SECRET\n")).ToList();

        var result = Engine.Review(new ReviewInput(files) { Limits = new FileLimits { MaxFiles = 3 } });

        Assert.Equal(3, result.AnalyzedFileCount);
        Assert.Equal(3, result.Findings.Count);
        Assert.Contains(result.Notices, n => n.Kind == NoticeKind.LimitExceeded && n.Path == "f3.txt");
    }

    [Fact]
    public void AnalyzerCrashOnOneFile_IsANotice_OtherFilesReviewed()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("crash.txt", "CRASH SECRET\n"), TestChanges.Added("ok.txt", "SECRET\n")]));

        Assert.Equal(["ok.txt"], result.Findings.Select(f => f.Path));
        var notice = Assert.Single(result.Notices);
        Assert.Equal((NoticeKind.AnalyzerFailure, "crash.txt"), (notice.Kind, notice.Path));
    }

    [Fact]
    public void DeletedBinarySubmoduleAndUnknownFiles_AreSkipped()
    {
        var deleted = new ChangedFile(new FileDiff("gone.txt", "gone.txt", ChangeStatus.Deleted, []), null);
        var binary = new ChangedFile(new FileDiff("img.txt", null, ChangeStatus.Added, []) { IsBinary = true }, null);
        var submodule = new ChangedFile(new FileDiff("lib", null, ChangeStatus.Added, []) { IsSubmodule = true }, null);
        var other = TestChanges.Added("readme.md", "SECRET\n");

        var result = Engine.Review(new ReviewInput([deleted, binary, submodule, other]));

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.AnalyzedFileCount);
        Assert.Equal(["gone.txt", "img.txt", "lib"], result.Notices.Select(n => n.Path));
        Assert.All(result.Notices, n => Assert.Equal(NoticeKind.Skipped, n.Kind));
    }

    [Fact]
    public void Configuration_DisablesCategories_OverridesSeverity_Excludes()
    {
        var config = new ReviewConfig
        {
            DisabledCategories = new HashSet<Category> { Category.Naming },
            RuleSeverity = new Dictionary<string, Severity> { ["RBTX401"] = Severity.Error },
            Exclude = [new Glob("skip/")],
        };
        var files = new[] { TestChanges.Added("a.txt", "badName UNUSED\n"), TestChanges.Added("skip/b.txt", "SECRET\n") };

        var result = Engine.Review(new ReviewInput(files) { Config = config });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("RBTX401", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.True(result.MeetsFailOn);
    }

    [Fact]
    public void RuleSwitchedOn_WinsOverDisabledCategory()
    {
        var config = new ReviewConfig
        {
            DisabledCategories = new HashSet<Category> { Category.Naming },
            RuleEnabled = new Dictionary<string, bool> { ["RBTX201"] = true },
        };

        var result = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "badName\n")]) { Config = config });

        Assert.Equal("RBTX201", Assert.Single(result.Findings).RuleId);
    }

    [Theory]
    [InlineData("badName // reviewbot-disable-line", 0)]
    [InlineData("badName // reviewbot-disable-line RBTX201", 0)]
    [InlineData("badName # reviewbot-disable-line RBTX401, RBTX201", 0)]
    [InlineData("badName // reviewbot-disable-line RBTX401", 1)]
    [InlineData("badName // reviewbot-disable-line-foo", 1)]
    public void InlineSuppression_OnTheLine(string line, int expected)
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", line + "\n")]));

        Assert.Equal(expected, result.Findings.Count);
    }

    [Fact]
    public void InlineSuppression_NextLine()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "# reviewbot-disable-next-line RBTX201\nbadName\nbadName\n")]));

        Assert.Equal([3], result.Findings.Select(f => f.StartLine));
    }

    [Fact]
    public void FailOn_NoneNeverFails_WarningFailsOnWarnings()
    {
        var file = TestChanges.Added("a.txt", "badName\n");

        Assert.False(Engine.Review(new ReviewInput([file]) { Config = new ReviewConfig { FailOn = FailOn.None } }).MeetsFailOn);
        Assert.False(Engine.Review(new ReviewInput([file]) { Config = new ReviewConfig { FailOn = FailOn.Error } }).MeetsFailOn);
        Assert.True(Engine.Review(new ReviewInput([file]) { Config = new ReviewConfig { FailOn = FailOn.Warning } }).MeetsFailOn);
    }
}
