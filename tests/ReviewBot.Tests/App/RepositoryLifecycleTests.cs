using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>The repository cache and the installation events, end to end.</summary>
public class RepositoryLifecycleTests
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    [StoreFact]
    public async Task TwoPullRequestsOfOneRepository_ReviewedInParallel_CacheFetchedIncrementally()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync(("ReviewBot__Workers", "4"));
        var first = harness.OpenPullRequest(EndToEndTests.FirstChange, number: 2, branch: "first");
        harness.Work.Checkout("main");
        var second = harness.OpenPullRequest(
            new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n    public void do_it()\n    {\n    }\n}\n" },
            number: 3,
            branch: "second");

        var deliveries = await Task.WhenAll(
            harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", first)),
            harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", second)));
        foreach (var response in deliveries)
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
            response.Dispose();
        }

        await harness.WaitForCompletedCheckRunAsync(first.HeadSha);
        await harness.WaitForCompletedCheckRunAsync(second.HeadSha);
        Assert.Equal(2, harness.GitHub.ReviewComments(first).Count);
        var other = Assert.Single(harness.GitHub.ReviewComments(second));
        Assert.Equal("src/Other.cs", other.Path);
        Assert.True(LibGit2Sharp.Repository.IsValid(Path.Combine(harness.DataDir, "repos", AppHarness.RepositoryId + ".git")));

        // A later push fetches into the same cache.
        harness.Work.Checkout("first");
        harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Third.cs"] = "namespace Demo;\n\npublic class Third\n{\n}\n" }, number: 2);
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", first)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(first.HeadSha);
        Assert.Equal(2, run.Annotations.Count);
    }

    [StoreFact]
    public async Task BaseBranchIsNotTheDefault_ConfigStillReadFromTheDefaultBranch()
    {
        await using var harness = await AppHarness.CreateAsync(new Dictionary<string, string>(EndToEndTests.BaseFiles)
        {
            [".reviewbot.yml"] = EndToEndTests.QuietConfig + "max_inline_comments: 1\n",
        }, OnPostgres);
        harness.Work.Checkout("release", create: true);
        harness.Work.Write(".reviewbot.yml", EndToEndTests.QuietConfig + "max_inline_comments: 50\n");
        harness.Work.Commit("release settings");
        FakeGitHubServer.PushBranch(harness.Repository, harness.Work, "release");
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange, baseRef: "release");

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Single(harness.GitHub.ReviewComments(pull));
        Assert.Contains(harness.GitHub.Requests, r => r.Path.EndsWith("/contents/.reviewbot.yml", StringComparison.Ordinal) && r.Status == 200);
    }

    [StoreFact]
    public async Task OnlyUnreviewableFilesChanged_CheckRunNeutral()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(new Dictionary<string, string?> { ["README.md"] = "# Demo\n\nMore words.\n" });

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal("neutral", run.Conclusion);
        Assert.Empty(harness.GitHub.Reviews(pull));
        Assert.Single(harness.GitHub.IssueComments(pull));
    }

    [StoreFact]
    public async Task RepositoryRemovedFromInstallation_QueuedJobsCancelled_CacheDeleted()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var cache = Path.Combine(harness.DataDir, "repos", AppHarness.RepositoryId + ".git");
        Assert.True(Directory.Exists(cache));

        // A review held before its check run, then the repository is removed from the installation.
        var gate = harness.GitHub.Hold("GET", "/check-runs$");
        harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Third.cs"] = "namespace Demo;\n\npublic class Third\n{\n}\n" });
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull)))
        {
        }

        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var removed = JsonNode.Parse(await File.ReadAllTextAsync(AppHarness.FixturePath("installation_repositories/removed.1.json")))!.AsObject();
        removed["installation"]!["id"] = AppHarness.InstallationId;
        removed["repositories_removed"]![0]!["id"] = AppHarness.RepositoryId;
        using var response = await harness.DeliverAsync("installation_repositories", removed.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var store = harness.Jobs;
        await FakeGitHubServer.WaitUntilAsync(() => !Directory.Exists(cache), TimeSpan.FromSeconds(30), "the cached clone to be deleted");
        gate.Release();
        Assert.Equal(JobState.Cancelled, store.JobsOf(AppHarness.RepositoryId, pull.Number).Last().State);
        Assert.Single(harness.GitHub.Reviews(pull));
    }

    [StoreFact]
    public async Task InstallationDeleted_CacheDeleted_TokenForgotten()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var cache = Path.Combine(harness.DataDir, "repos", AppHarness.RepositoryId + ".git");
        var deleted = JsonNode.Parse(await File.ReadAllTextAsync(AppHarness.FixturePath("installation/deleted.1.json")))!.AsObject();
        deleted["installation"]!["id"] = AppHarness.InstallationId;
        deleted["repositories"]![0]!["id"] = AppHarness.RepositoryId;

        using var response = await harness.DeliverAsync("installation", deleted.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await FakeGitHubServer.WaitUntilAsync(() => !Directory.Exists(cache), TimeSpan.FromSeconds(30), "the cached clone to be deleted");

        // Installed again later: a fresh token, a fresh clone.
        harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Third.cs"] = "namespace Demo;\n\npublic class Third\n{\n}\n" });
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(2, harness.GitHub.TokensIssued);
        Assert.True(Directory.Exists(cache));
    }
}
