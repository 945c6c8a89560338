using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>How the App publishes under GitHub's limits and failures, end to end against the strict fake.</summary>
public sealed class PublishingTests
{
    [Fact]
    public async Task CommentRefusedByGitHub_ReviewPostedWithoutIt_FindingMovedToSummary()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        harness.GitHub.RefuseCommentsOn("src/Widget.cs", 9);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(2, run.Annotations.Count);
        var comment = Assert.Single(harness.GitHub.ReviewComments(pull));
        Assert.Equal(7, comment.Line);
        Assert.Single(harness.GitHub.Reviews(pull));
        var summary = Assert.Single(harness.GitHub.IssueComments(pull)).Body;
        Assert.Contains("Not posted as inline comments** (1)", summary, StringComparison.Ordinal);
        Assert.Contains("load_settings", summary, StringComparison.Ordinal);

        // The whole batch, then the half with the bad line: each refused once, never retried as such. GitHub's diff,
        // read again after the first refusal, allows both lines, so the identical batch is not posted again.
        var refusals = harness.GitHub.Requests.Where(r => r.Path.EndsWith("/reviews", StringComparison.Ordinal) && r.Status == 422).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Equal(2, harness.GitHub.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/pulls/2/files", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ManyFindings_AtMostMaxInlineComments_AnnotationsInBatchesOf50()
    {
        var code = new StringBuilder("namespace Demo;\n\npublic class Widget\n{\n    public int Value() => 1;\n");
        for (var i = 0; i < 60; i++) code.Append("\n    public void method_").Append(i).Append("()\n    {\n    }\n");
        code.Append("}\n");
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(new Dictionary<string, string?> { ["src/Widget.cs"] = code.ToString() });

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(60, run.Annotations.Count);
        Assert.Equal(2, run.Updates); // 50, then 10 with the conclusion: the fake refuses more than 50 at once
        Assert.Equal(25, harness.GitHub.ReviewComments(pull).Count);
        Assert.Single(harness.GitHub.Reviews(pull));
        var summary = Assert.Single(harness.GitHub.IssueComments(pull)).Body;
        Assert.Contains("Not posted as inline comments** (35)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaterPushes_PostOnlyFindingsNotYetOnThePullRequest_AcrossPagesOfComments()
    {
        var code = new StringBuilder("namespace Demo;\n\npublic class Widget\n{\n    public int Value() => 1;\n");
        for (var i = 0; i < 60; i++) code.Append("\n    public void method_").Append(i).Append("()\n    {\n    }\n");
        code.Append("}\n");
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(new Dictionary<string, string?> { ["src/Widget.cs"] = code.ToString() });
        var expected = new[] { 25, 50, 60, 60 };

        for (var push = 0; push < expected.Length; push++)
        {
            if (push > 0) harness.UpdatePullRequest(new Dictionary<string, string?> { ["notes.txt"] = "push " + push + "\n" });
            using (await harness.DeliverAsync("pull_request", harness.Payload(push == 0 ? "pull_request/opened.2.json" : "pull_request/synchronize.1.json", pull)))
            {
            }

            await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
            Assert.Equal(expected[push], harness.GitHub.ReviewComments(pull).Count);
        }

        var fingerprints = harness.GitHub.ReviewComments(pull).Select(c => c.Body[c.Body.LastIndexOf("<!--", StringComparison.Ordinal)..]).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        Assert.Equal(3, harness.GitHub.Reviews(pull).Count); // the last push had nothing new: no empty review
        Assert.Equal(3, Assert.Single(harness.GitHub.IssueComments(pull)).Edits);
        Assert.Contains(harness.GitHub.Requests, r => r.Path.EndsWith("/pulls/2/comments", StringComparison.Ordinal)); // listed, paginated
    }

    [Fact]
    public async Task InjectedFaults_RetriedHonouringRetryAfter_PublishedOnce()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        harness.GitHub.InjectFault("POST", "/check-runs$", FakeFault.BadGateway, times: 2);
        harness.GitHub.InjectFault("POST", "/reviews$", FakeFault.SecondaryRateLimit);
        harness.GitHub.InjectFault("POST", "/issues/2/comments$", FakeFault.TooManyRequests);
        harness.GitHub.InjectFault("GET", "/info/refs$", FakeFault.BadGateway);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal("success", run.Conclusion);
        Assert.Single(harness.GitHub.CheckRuns(harness.Repository));
        Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(2, harness.GitHub.ReviewComments(pull).Count);
        Assert.Single(harness.GitHub.IssueComments(pull));
        var requests = harness.GitHub.Requests;
        Assert.Equal(2, requests.Count(r => r.Status == 502 && r.Path.EndsWith("/check-runs", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.Status == 403);
        Assert.Single(requests, r => r.Status == 429);
    }

    [Fact]
    public async Task PersistentFailure_RetriedBoundedTimes_ThenFailedWithCheckRunConcluded()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync(("ReviewBot__MaxAttempts", "2"), ("ReviewBot__HttpMaxRetries", "0"));
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        harness.GitHub.InjectFault("GET", "/info/refs$", FakeFault.BadGateway, times: 1000);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal("failure", run.Conclusion);
        Assert.Contains("could not complete", run.Title, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", run.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_", run.Summary, StringComparison.Ordinal);
        var job = Assert.Single(harness.Jobs.JobsOf(AppHarness.RepositoryId, pull.Number));
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Empty(harness.GitHub.Reviews(pull));
    }

    [Fact]
    public async Task NewerHeadWhileReviewing_OldJobPublishesNothing_CheckRunNeutral()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var oldHead = pull.HeadSha;
        var gate = harness.GitHub.Hold("GET", "/pulls/2/comments$"); // the first job's publishing step

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n    public void do_it()\n    {\n    }\n}\n" });
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull)))
        {
        }

        var oldRun = await harness.WaitForCompletedCheckRunAsync(oldHead);
        gate.Release();
        var newRun = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);

        Assert.Equal("neutral", oldRun.Conclusion);
        Assert.Empty(oldRun.Annotations);
        Assert.Equal("success", newRun.Conclusion);
        var review = Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(pull.HeadSha, review.CommitId);
        Assert.Equal(3, harness.GitHub.ReviewComments(pull).Count);
        Assert.Single(harness.GitHub.IssueComments(pull));
    }
}

/// <summary>What an inline comment says.</summary>
public sealed class CommentBodyTests
{
    [Fact]
    public async Task FixableFinding_CommentCarriesSuggestionBlock_RuleLinkAndFingerprint()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync(("ReviewBot__RuleDocsUrl", "https://docs.example.com/rules/"));
        var pull = harness.OpenPullRequest(new Dictionary<string, string?>
        {
            ["src/Tidy.cs"] = "using System.Text;\n\nnamespace Demo;\n\npublic class Tidy\n{\n    public int Value() => 1;\n}\n",
        });

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var comment = Assert.Single(harness.GitHub.ReviewComments(pull));
        Assert.Equal(1, comment.Line);
        Assert.Null(comment.StartLine);
        Assert.StartsWith("**[RBCS401](https://docs.example.com/rules/RBCS401.md)** · ", comment.Body, StringComparison.Ordinal);
        Assert.Contains("\n```suggestion\n```\n", comment.Body, StringComparison.Ordinal);
        Assert.Matches("<!-- reviewbot:fingerprint:[0-9a-f]+ -->$", comment.Body);
    }
}
