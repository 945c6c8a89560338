using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Tests.Review;

public sealed class ReviewOrchestratorTests
{
    private static readonly ReviewOrchestrator Orchestrator = new(new AnalyzerRegistry([new MarkerAnalyzer()]));

    /// <summary>A change held in memory, read within the limits it is given.</summary>
    private sealed class InMemoryChanges(params ChangedFile[] files) : IChangeSource
    {
        public FileLimits? LimitsAsked { get; private set; }

        public ChangeSet ReadChanges(FileLimits limits)
        {
            LimitsAsked = limits;
            return new ChangeSet("base", "head", "merge-base", files, [new Notice(NoticeKind.ParseError, "odd.txt", "read as Latin-1")], InMemorySnapshot.Empty);
        }
    }

    [Fact]
    public void Review_AppliesTheConfigSourcesSettings_AndCarriesBothSourcesNotices()
    {
        var changes = new InMemoryChanges(TestChanges.Added("app.txt", "badName\nUNUSED\n"));
        var config = Orchestrator.LoadConfig(new TextConfigSource("categories:\n  naming: off\nno_such_key: 1\n", 40));

        var (result, changeSet) = Orchestrator.Review(changes, config, CancellationToken.None);

        Assert.Equal([MarkerAnalyzer.Unused.Id], result.Findings.Select(f => f.RuleId));
        Assert.Contains(result.Notices, n => n.Message.Contains("no_such_key", StringComparison.Ordinal));
        Assert.Contains(result.Notices, n => n.Message == "read as Latin-1");
        Assert.Equal("merge-base", changeSet.MergeBaseSha);
        Assert.Equal(FileLimits.Default, changes.LimitsAsked);
    }

    [Fact]
    public void LoadConfig_WithoutAFile_IsTheDefaults()
    {
        var config = Orchestrator.LoadConfig(NoConfigSource.Instance);

        Assert.Same(ReviewConfig.Default, config.Config);
        Assert.Empty(config.Notices);
    }

    [Fact]
    public void Review_Cancelled_StopsBeforeTheAnalysis()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            Orchestrator.Review(new InMemoryChanges(TestChanges.Added("app.txt", "badName\n")), Orchestrator.LoadConfig(NoConfigSource.Instance), cancelled.Token));
    }

    [Fact]
    public void Join_TakesTheFilesFromTheSource_AndTheFindingsAsGiven()
    {
        var changes = new InMemoryChanges(TestChanges.Added("app.txt", "badName\n"));
        var reviewed = Orchestrator.Review(changes, Orchestrator.LoadConfig(NoConfigSource.Instance), CancellationToken.None).Result;

        var joined = Orchestrator.Join(changes, reviewed.Config, reviewed.Findings, reviewed.Notices, reviewed.AnalyzedFileCount);

        Assert.Equal(["app.txt"], joined.Files.Select(f => f.Path));
        Assert.Equal(reviewed.Findings, joined.Findings);
        Assert.Equal(1, joined.AnalyzedFileCount);
    }
}
