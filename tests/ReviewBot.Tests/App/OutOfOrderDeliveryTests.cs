using System.Net;
using System.Text.Json.Nodes;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// GitHub does not promise delivery order. Two <c>synchronize</c> deliveries of one pull request, the newer head's first
/// and the older head's a moment later, used to leave the older head reviewed and the real head with no review and no
/// check run, ever. Whatever the order, the pull request's current head is the one reviewed.
/// </summary>
public class OutOfOrderDeliveryTests
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    private static readonly Dictionary<string, string?> SecondChange = new()
    {
        ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n    public void do_it()\n    {\n    }\n}\n",
    };

    private static string WithUpdatedAt(string body, DateTimeOffset updatedAt)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["pull_request"]!["updated_at"] = updatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    /// <summary>Two pushes: the older head's and the newer head's <c>synchronize</c> bodies; the fake's head is the newer.</summary>
    private static (string OlderSha, string Older, string Newer) TwoPushes(AppHarness harness, FakePullRequest pull, bool distinctTimes)
    {
        var olderSha = pull.HeadSha;
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var older = harness.Payload("pull_request/synchronize.1.json", pull);
        harness.UpdatePullRequest(SecondChange);
        var newer = harness.Payload("pull_request/synchronize.1.json", pull);
        // The same second (GitHub's updated_at has no finer grain) leaves only the fetched head to tell them apart.
        return distinctTimes ? (olderSha, WithUpdatedAt(older, at), WithUpdatedAt(newer, at.AddSeconds(3))) : (olderSha, WithUpdatedAt(older, at), WithUpdatedAt(newer, at));
    }

    private static async Task AssertOnlyTheHeadIsReviewedAsync(AppHarness harness, FakePullRequest pull, string olderSha)
    {
        // The head's first job may have started (and made a check run) before the older delivery superseded it; that run
        // is concluded neutral, and the head's review is the next job's, so the test waits for the successful one.
        await harness.WaitUntilAsync(
            () => harness.GitHub.CheckRuns(harness.Repository, pull.HeadSha).Any(r => r.Conclusion == "success"),
            TimeSpan.FromSeconds(60),
            "a successful check run on the pull request's head");
        var store = harness.Jobs;
        await harness.WaitUntilAsync(
            () => store.JobsOf(AppHarness.RepositoryId, pull.Number).All(j => j.State is not (JobState.Queued or JobState.Running)),
            TimeSpan.FromSeconds(60),
            "every job of the pull request to end");
        // A superseded job ends in the store when the newer delivery is queued; its worker concludes the older check run
        // after that, so the test waits for the conclusion instead of racing it.
        await harness.WaitUntilAsync(
            () => harness.GitHub.CheckRuns(harness.Repository, olderSha).All(r => r.Conclusion is not null),
            TimeSpan.FromSeconds(60),
            "the older commit's check runs to be concluded");

        var review = Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(pull.HeadSha, review.CommitId);
        Assert.Equal(3, harness.GitHub.ReviewComments(pull).Count);
        Assert.All(harness.GitHub.CheckRuns(harness.Repository, olderSha), r => Assert.Equal("neutral", r.Conclusion));
        Assert.All(harness.GitHub.CheckRuns(harness.Repository, pull.HeadSha), r => Assert.Equal("completed", r.Status));
        Assert.Contains(store.JobsOf(AppHarness.RepositoryId, pull.Number), j => j.Request.HeadSha == pull.HeadSha && j.State == JobState.Completed);
    }

    [StoreFact]
    public async Task NewerHeadFirst_OlderAfter_TheOlderIsNotQueued_TheNewerIsReviewed()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var (olderSha, older, newer) = TwoPushes(harness, pull, distinctTimes: true);

        using (var first = await harness.DeliverAsync("pull_request", newer))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        }

        using (var second = await harness.DeliverAsync("pull_request", older))
        {
            // Recorded, and nothing queued: not 202.
            await AppHarness.AssertStatusAsync(HttpStatusCode.OK, second);
        }

        await AssertOnlyTheHeadIsReviewedAsync(harness, pull, olderSha);
        Assert.Empty(harness.GitHub.CheckRuns(harness.Repository, olderSha));
    }

    [StoreFact]
    public async Task NewerHeadFirst_OlderAfter_InTheSameSecond_TheFetchedHeadIsReviewed()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var (olderSha, older, newer) = TwoPushes(harness, pull, distinctTimes: false);

        using (await harness.DeliverAsync("pull_request", newer))
        {
        }

        using (await harness.DeliverAsync("pull_request", older))
        {
        }

        await AssertOnlyTheHeadIsReviewedAsync(harness, pull, olderSha);
    }

    // The older job's check run was created while the newer head's delivery withdrew the job; the job stopped waiting
    // for the answer, never recorded the run, and left it "in progress" on GitHub for ever.
    [StoreFact]
    public async Task ANewerHead_WhileTheOlderJobsCheckRunIsBeingCreated_ThatRunIsConcludedToo()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var olderSha = pull.HeadSha;
        var held = harness.GitHub.Hold("POST", "/check-runs$");
        using (var first = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        }

        await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        harness.UpdatePullRequest(SecondChange);
        using (var second = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, second);
        }

        held.Release();

        await AssertOnlyTheHeadIsReviewedAsync(harness, pull, olderSha);
        Assert.Equal("neutral", Assert.Single(harness.GitHub.CheckRuns(harness.Repository, olderSha)).Conclusion);
    }

    [StoreTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BothAtOnce_AtTwoWorkers_TheNewerHeadIsReviewed(bool distinctTimes)
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync(("ReviewBot__Workers", "2"));
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var (olderSha, older, newer) = TwoPushes(harness, pull, distinctTimes);

        var responses = await Task.WhenAll(harness.DeliverAsync("pull_request", newer), harness.DeliverAsync("pull_request", older));
        foreach (var response in responses) response.Dispose();

        await AssertOnlyTheHeadIsReviewedAsync(harness, pull, olderSha);
    }
}
