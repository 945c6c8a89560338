using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// <c>reviewbot serve</c> as a real child process, configured by the documented environment variables: killed in the
/// middle of a job and started again on the same data directory, the review still completes, once.
/// </summary>
public partial class ServeProcessTests
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    [StoreFact]
    public async Task KilledMidJob_RestartedOnSameDataDir_ReviewCompletesOnce()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var gate = harness.GitHub.Hold("POST", "/reviews$");
        var body = harness.Payload("pull_request/opened.2.json", pull);
        var delivery = Guid.NewGuid().ToString();

        await using (var first = await ServeProcess.StartAsync(harness))
        {
            harness.UseAppUrl(first.Url);
            using var response = await harness.DeliverAsync("pull_request", body, delivery);
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill();
            await FakeGitHubServer.WaitUntilAsync(() => gate.Abandoned, TimeSpan.FromSeconds(30), "the held review request to be abandoned");
            Assert.Empty(harness.GitHub.Reviews(pull));
            Assert.Equal("in_progress", Assert.Single(harness.GitHub.CheckRuns(harness.Repository)).Status);
        }

        await using var second = await ServeProcess.StartAsync(harness);
        harness.UseAppUrl(second.Url);
        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);

        using var redelivered = await harness.DeliverAsync("pull_request", body, delivery);
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, redelivered);
        Assert.Equal("success", run.Conclusion);
        await AssertPublishedOnceBySecondAttemptAsync(harness, pull);

        var output = second.Output + "\n" + string.Join('\n', harness.GitHub.Requests.Select(r => r.Error));
        Assert.Contains("Queued again 1 job(s)", second.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenPattern(), output);
        Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain(AppHarness.Secret, output, StringComparison.Ordinal);
    }

    // A job that ended its process on every attempt was queued again on every start and never failed (attempt 6 of
    // MaxAttempts 4 was seen): one repository crash-looped the server. An attempt counts when it starts.
    [StoreFact]
    public async Task AJobThatEndsItsProcessOnEveryAttempt_FailsForGoodAfterMaxAttemptStarts()
    {
        const int maxAttempts = 3;
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        (string, string)[] settings = [("ReviewBot__MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var gate = harness.GitHub.Hold("POST", "/reviews$");
            await using var serve = await ServeProcess.StartAsync(harness, settings);
            harness.UseAppUrl(serve.Url);
            if (attempt == 1)
            {
                using var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull));
                await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
            }

            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
            serve.Kill();
        }

        await using var last = await ServeProcess.StartAsync(harness, settings);
        harness.UseAppUrl(last.Url);
        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);

        Assert.Equal("failure", run.Conclusion);
        Assert.Single(harness.GitHub.CheckRuns(harness.Repository));
        Assert.Empty(harness.GitHub.Reviews(pull));
        var store = harness.Jobs;
        var job = Assert.Single(store.JobsOf(AppHarness.RepositoryId, pull.Number));
        Assert.Equal((JobState.Failed, maxAttempts), (job.State, job.Attempts));
        Assert.Contains($"failed after {maxAttempts} attempt(s), each ended with the process", last.Output, StringComparison.Ordinal);

        // The server goes on with other work: the next push of the pull request is reviewed.
        var next = harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n}\n" });
        using var synchronize = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", next));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, synchronize);
        Assert.Equal("success", (await harness.WaitForCompletedCheckRunAsync(next.HeadSha)).Conclusion);
    }

    [StoreFact]
    public async Task MissingWebhookSecret_StartUpStops_NamingTheSetting()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        var settings = harness.Settings();
        settings.Remove("GitHub__WebhookSecret");
        settings["GitHub__PrivateKeyPath"] = Path.Combine(harness.Root, "missing.pem");

        var (exitCode, output) = await ServeProcess.RunToExitAsync(settings);

        Assert.Equal(2, exitCode);
        Assert.Contains("GitHub__WebhookSecret", output, StringComparison.Ordinal);
        Assert.Contains("GitHub__PrivateKeyPath", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A review interrupted once by a killed process, published once by its second attempt: the check run the first
    /// attempt created, one review with the change's two comments, one summary, the job completed after two attempts.
    /// </summary>
    internal static async Task AssertPublishedOnceBySecondAttemptAsync(AppHarness harness, FakePullRequest pull)
    {
        Assert.Single(harness.GitHub.CheckRuns(harness.Repository));
        Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(2, harness.GitHub.ReviewComments(pull).Count);
        Assert.Single(harness.GitHub.IssueComments(pull));

        var store = harness.Jobs;
        var job = Assert.Single(store.JobsOf(AppHarness.RepositoryId, pull.Number));
        await FakeGitHubServer.WaitUntilAsync(() => store.Find(job.Id)?.State == JobState.Completed, TimeSpan.FromSeconds(10), "job completed");
        Assert.Equal(2, store.Find(job.Id)!.Attempts);
    }

    [GeneratedRegex("ghs_[0-9a-f]{8,}")]
    private static partial Regex TokenPattern();
}
