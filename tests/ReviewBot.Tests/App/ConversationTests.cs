using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Engine.Config;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// <c>/reviewbot</c> commands, check-run and check-suite re-runs and closed pull requests, end to end: signed real-shaped
/// deliveries to the running App, assertions on what reached the strict fake GitHub.
/// </summary>
public class ConversationTests : IAsyncLifetime
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    private AppHarness _harness = null!;
    private FakePullRequest _pull = null!;

    public async Task InitializeAsync()
    {
        _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await _harness.StartAppAsync();
        _pull = _harness.OpenPullRequest(EndToEndTests.FirstChange);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private IQueueInspector Store => _harness.Jobs;

    private IReadOnlyList<ReviewJob> Jobs => Store.JobsOf(AppHarness.RepositoryId, _pull.Number);

    private IReadOnlyList<FakeIssueComment> BotComments =>
        [.. _harness.GitHub.IssueComments(_pull).Where(c => c.Author == FakeGitHubServer.BotLogin)];

    private async Task ReviewOpenedAsync()
    {
        using var opened = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", _pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, opened);
        await _harness.WaitForCompletedCheckRunAsync(_pull.HeadSha);
        await FakeGitHubServer.WaitUntilAsync(() => Jobs.All(j => j.State == JobState.Completed), TimeSpan.FromSeconds(30), "the first job to finish");
    }

    private Task WaitForCompletedRunsAsync(int count) =>
        FakeGitHubServer.WaitUntilAsync(
            () => _harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha).Count(r => r.Status == "completed") >= count,
            TimeSpan.FromSeconds(60),
            $"{count} completed check runs on the head");

    private Task WaitForCommandsAsync(int count) =>
        FakeGitHubServer.WaitUntilAsync(
            () => Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number) is var states
                  && states.Count == count && states.All(s => s is not (JobState.Queued or JobState.Running)),
            TimeSpan.FromSeconds(30),
            $"{count} command(s) answered");

    [StoreFact]
    public async Task Rerun_ByCollaborator_NewCheckRun_EyesThenRocket_NoDuplicateComments()
    {
        await ReviewOpenedAsync();
        var commentsBefore = _harness.GitHub.ReviewComments(_pull).Count;
        var command = _harness.GitHub.AddUserComment(_pull, "octocat", "The analyzer was updated, could you look again?\n/reviewbot rerun\n", "COLLABORATOR");

        using var response = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command));

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        await WaitForCompletedRunsAsync(2);
        await FakeGitHubServer.WaitUntilAsync(() => command.Reactions.Any(r => r.Content == "rocket"), TimeSpan.FromSeconds(30), "the rocket reaction");
        Assert.Equal(["eyes", "rocket"], command.Reactions.Select(r => r.Content));
        Assert.Equal(2, _harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha).Count);
        Assert.Equal(commentsBefore, _harness.GitHub.ReviewComments(_pull).Count);
        Assert.Single(_harness.GitHub.Reviews(_pull));
        Assert.Contains("<!-- reviewbot:summary -->", Assert.Single(BotComments).Body, StringComparison.Ordinal);
        Assert.Equal(2, Jobs.Count);
        Assert.Equal("issue_comment.rerun", Jobs[^1].Request.Trigger);
        // The association was enough: the permission API was not asked.
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Path.Contains("/collaborators/", StringComparison.Ordinal));
        // Secrets never reach the logs.
        var logs = string.Join('\n', _harness.Logs);
        Assert.Contains("/reviewbot rerun", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(AppHarness.Secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", logs, StringComparison.Ordinal);
        Assert.All(_harness.GitHub.IssuedTokens, token => Assert.DoesNotContain(token, logs, StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Rerun_ByReadUserWithAssociationNone_RefusedWithOneReply_NothingQueued()
    {
        _harness.GitHub.SetRole(_harness.Repository, "passer-by", "read");
        var command = _harness.GitHub.AddUserComment(_pull, "passer-by", "/reviewbot rerun", "NONE");

        using var first = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        await WaitForCommandsAsync(1);
        // GitHub delivers again (a new delivery of the same comment): one command per comment, so still one reply.
        using var again = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, again);

        Assert.Equal([JobState.Refused], Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number));
        var reply = Assert.Single(BotComments);
        Assert.Contains("@passer-by", reply.Body, StringComparison.Ordinal);
        Assert.Contains("write access", reply.Body, StringComparison.Ordinal);
        Assert.Equal(["confused"], command.Reactions.Select(r => r.Content));
        Assert.Empty(Jobs);
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository));
        Assert.Contains(_harness.GitHub.Requests, r => r.Path.EndsWith("/collaborators/passer-by/permission", StringComparison.Ordinal) && r.Status == 200);
    }

    [StoreFact]
    public async Task Rerun_ByMaintainerWithoutAssociation_AllowedByThePermissionApi()
    {
        _harness.GitHub.SetRole(_harness.Repository, "team-lead", "maintain");
        var command = _harness.GitHub.AddUserComment(_pull, "team-lead", "/reviewbot rerun", "CONTRIBUTOR");

        using var response = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command));

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        await _harness.WaitForCompletedCheckRunAsync(_pull.HeadSha);
        await FakeGitHubServer.WaitUntilAsync(() => command.Reactions.Any(r => r.Content == "rocket"), TimeSpan.FromSeconds(30), "the rocket reaction");
        Assert.Equal(_pull.HeadSha, Assert.Single(Jobs).Request.HeadSha);
        Assert.Equal(2, _harness.GitHub.ReviewComments(_pull).Count);
    }

    [StoreFact]
    public async Task Rerun_WhileTheSameHeadIsBeingReviewed_ThatReviewAnswersIt()
    {
        var held = _harness.GitHub.Hold("GET", "/commits/[0-9a-f]+/check-runs$");
        using (await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", _pull)))
        {
        }

        await held.Reached;
        var command = _harness.GitHub.AddUserComment(_pull, "octocat", "/reviewbot rerun", "OWNER");
        using (await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command)))
        {
        }

        await WaitForCommandsAsync(1);
        held.Release();

        await FakeGitHubServer.WaitUntilAsync(() => command.Reactions.Any(r => r.Content == "rocket"), TimeSpan.FromSeconds(30), "the rocket reaction");
        Assert.Equal(["eyes", "rocket"], command.Reactions.Select(r => r.Content));
        Assert.Single(Jobs);
        Assert.Single(_harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha));
    }

    [StoreFact]
    public async Task Rerun_GitHubKeepsFailing_ConfusedReaction_NoReview()
    {
        await _harness.StopAppAsync();
        await _harness.StartAppAsync(("ReviewBot__MaxAttempts", "1"), ("ReviewBot__HttpMaxRetries", "0"));
        _harness.GitHub.InjectFault("GET", "/pulls/2$", FakeFault.BadGateway, times: 10);
        var command = _harness.GitHub.AddUserComment(_pull, "octocat", "/reviewbot rerun", "OWNER");

        using var response = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, command));

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        await WaitForCommandsAsync(1);
        await FakeGitHubServer.WaitUntilAsync(() => command.Reactions.Count > 0, TimeSpan.FromSeconds(30), "a reaction");
        Assert.Equal([JobState.Failed], Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number));
        Assert.Equal(["confused"], command.Reactions.Select(r => r.Content));
        Assert.Empty(Jobs);
        Assert.Empty(BotComments);
    }

    [StoreFact]
    public async Task CommentByABot_Ignored()
    {
        var other = _harness.GitHub.AddUserComment(_pull, "dependabot[bot]", "/reviewbot rerun", "NONE", userType: "Bot");
        var ours = _harness.GitHub.AddUserComment(_pull, FakeGitHubServer.BotLogin, "/reviewbot help", "NONE", userType: "Bot");

        using var fromOther = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, other));
        using var fromUs = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, ours));

        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, fromOther);
        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, fromUs);
        Assert.Empty(Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number));
        Assert.Empty(Jobs);
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [StoreTheory]
    [InlineData("> /reviewbot rerun\n\nI think that's what you meant?")]
    [InlineData("To review again, type:\n```\n/reviewbot rerun\n```\n")]
    [InlineData("To review again, type:\n\n    /reviewbot rerun\n")]
    public async Task CommandInAQuoteOrCodeBlock_NotACommand(string body)
    {
        var comment = _harness.GitHub.AddUserComment(_pull, "octocat", body, "OWNER");

        using var response = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, comment));

        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Empty(Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number));
        Assert.Empty(Jobs);
    }

    [StoreFact]
    public async Task EditedComment_NotACommand()
    {
        var comment = _harness.GitHub.AddUserComment(_pull, "octocat", "/reviewbot rerun", "OWNER");

        using var response = await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, comment, action: "edited"));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Empty(Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number));
    }

    [StoreFact]
    public async Task HelpAndUnknownCommand_RepliedOnceEach_WithTheCommandsAndSettings()
    {
        var help = _harness.GitHub.AddUserComment(_pull, "octocat", "/reviewbot help", "MEMBER");
        var unknown = _harness.GitHub.AddUserComment(_pull, "octocat", "/reviewbot frobnicate now", "MEMBER");

        using (await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, help)))
        using (await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, unknown)))
        using (await _harness.DeliverAsync("issue_comment", _harness.CommentPayload(_pull, unknown)))
        {
        }

        // The second delivery of the same comment is not a second command.
        await WaitForCommandsAsync(2);
        Assert.Equal(2, Store.CommandStatesOf(AppHarness.RepositoryId, _pull.Number).Count);
        var replies = BotComments;
        Assert.Equal(2, replies.Count);
        Assert.Single(replies, r => r.Body.Contains("`frobnicate`", StringComparison.Ordinal));
        Assert.All(replies, r => Assert.Contains("/reviewbot rerun", r.Body, StringComparison.Ordinal));
        Assert.All(ReviewConfigLoader.Keys, key => Assert.Contains($"`{key}`", replies[0].Body, StringComparison.Ordinal));
        Assert.Empty(Jobs);
    }

    [StoreFact]
    public async Task CheckRunRerequested_OursReviewedAgain_AnotherAppsIgnored()
    {
        await ReviewOpenedAsync();

        using var others = await _harness.DeliverAsync("check_run", _harness.CheckRunRerequestedPayload(_pull, appId: 2));
        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, others);
        Assert.Single(Jobs);

        using var ours = await _harness.DeliverAsync("check_run", _harness.CheckRunRerequestedPayload(_pull, _harness.GitHub.AppId));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, ours);
        await WaitForCompletedRunsAsync(2);
        Assert.Equal(2, Jobs.Count);
        Assert.Equal("check_run.rerequested", Jobs[^1].Request.Trigger);
        Assert.Single(_harness.GitHub.Reviews(_pull));
        Assert.Single(BotComments);
    }

    [StoreFact]
    public async Task CheckSuiteRerequested_ReviewedAgain_RequestedIgnored()
    {
        await ReviewOpenedAsync();

        using var requested = await _harness.DeliverAsync("check_suite", _harness.CheckSuitePayload("check_suite/requested.1.json", _pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, requested);
        Assert.Single(Jobs);

        using var rerequested = await _harness.DeliverAsync("check_suite", _harness.CheckSuitePayload("check_suite/rerequested.1.json", _pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, rerequested);
        await WaitForCompletedRunsAsync(2);
        Assert.Equal("check_suite.rerequested", Jobs[^1].Request.Trigger);
    }

    [StoreFact]
    public async Task PullRequestClosed_CancelsItsQueuedAndRunningJobs()
    {
        await _harness.StopAppAsync();
        await _harness.StartAppAsync(("ReviewBot__Workers", "1"));
        _harness.Work.Checkout("main");
        var other = _harness.OpenPullRequest(
            new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n    public void do_it()\n    {\n    }\n}\n" },
            number: 3,
            branch: "other");
        // The only worker is held on pull request 2's first call; pull request 3's job waits in the queue.
        var held = _harness.GitHub.Hold("GET", "/commits/[0-9a-f]+/check-runs$");
        using (await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", _pull)))
        using (await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", other)))
        {
        }

        await held.Reached;
        var queued = Assert.Single(Store.JobsOf(AppHarness.RepositoryId, other.Number));
        Assert.Equal(JobState.Queued, queued.State);

        using var closedQueued = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/closed.1.json", other));
        using var closedRunning = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/closed.1.json", _pull));

        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, closedQueued);
        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, closedRunning);
        Assert.Equal(JobState.Cancelled, Store.Find(queued.Id)!.State);
        Assert.Equal(JobState.Cancelled, Assert.Single(Jobs).State);
        held.Release();

        // The one worker is free again: a later pull request is reviewed, and nothing was published on the closed ones.
        _harness.Work.Checkout("main");
        var later = _harness.OpenPullRequest(new Dictionary<string, string?> { ["README.md"] = "# Demo\n\nLater.\n" }, number: 4, branch: "later");
        using (await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", later)))
        {
        }

        await _harness.WaitForCompletedCheckRunAsync(later.HeadSha);
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha));
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository, other.HeadSha));
        Assert.Empty(_harness.GitHub.Reviews(_pull));
        Assert.Empty(_harness.GitHub.Reviews(other));
    }
}
