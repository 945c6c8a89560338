using System.Globalization;
using System.Net;
using ReviewBot.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// PostgreSQL restarting under a running App, as it does for a minor upgrade or a fail-over: what was acknowledged is
/// reviewed exactly once, and what arrived while the database was down was refused with 503 (GitHub redelivers it),
/// never acknowledged and lost.
/// </summary>
public sealed class DatabaseRestartTests : IRunsOnPostgres
{
    private static Dictionary<string, string?> Change(int number) => new()
    {
        [$"src/Change{number}.cs"] = $"namespace Demo;\n\npublic class Change{number}\n{{\n    public void do_it_{number}()\n    {{\n    }}\n}}\n",
    };

    [StoreFact]
    public async Task TheDatabaseStopsWhileDeliveriesArrive_EveryAcknowledgedOneReviewedOnce_TheOthersRefusedWith503()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        var pulls = Enumerable.Range(2, 8).Select(n => harness.OpenPullRequest(Change(n), n, "change-" + n.ToString(CultureInfo.InvariantCulture))).ToList();
        var deliveries = pulls.ToDictionary(p => p.Number, _ => Guid.NewGuid().ToString());
        await harness.StartAppAsync(("ReviewBot__Database", "postgres"), ("ConnectionStrings__ReviewBot", cluster.ConnectionString));
        var held = harness.GitHub.Hold("POST", "/reviews$");

        async Task<HttpResponseMessage> DeliverAsync(FakePullRequest pull) =>
            await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull), deliveries[pull.Number]);

        // Before: acknowledged, and one job is in the middle of publishing when the database goes.
        foreach (var pull in pulls[..3])
        {
            using var response = await DeliverAsync(pull);
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        }

        await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await cluster.StopServerAsync();

        // While it is down: refused, with a Retry-After, and nothing else.
        foreach (var pull in pulls[3..6])
        {
            using var response = await DeliverAsync(pull);
            await AppHarness.AssertStatusAsync(HttpStatusCode.ServiceUnavailable, response);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        using (var health = await harness.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("job database unavailable", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The held job publishes now; it records its outcome once the database is back.
        held.Release();
        await Task.Delay(500);
        await cluster.StartServerAsync();
        using (var health = await harness.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // After: the first delivery on the new connections is acknowledged, and GitHub's redeliveries of the refused ones too.
        foreach (var pull in pulls[6..].Concat(pulls[3..6]))
        {
            using var response = await DeliverAsync(pull);
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        }

        var store = QueueInspector.OfPostgres(cluster.ConnectionString);
        foreach (var pull in pulls)
        {
            var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha, TimeSpan.FromSeconds(120));
            Assert.Equal("success", run.Conclusion);
            await FakeGitHubServer.WaitUntilAsync(
                () => store.JobsOf(AppHarness.RepositoryId, pull.Number) is [{ State: JobState.Completed }],
                TimeSpan.FromSeconds(30),
                $"pull request {pull.Number}'s one job to be completed");
        }

        foreach (var pull in pulls)
        {
            Assert.Single(harness.GitHub.Reviews(pull));
            Assert.Single(harness.GitHub.CheckRuns(harness.Repository, pull.HeadSha));
            Assert.Single(harness.GitHub.IssueComments(pull));
        }

        var password = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!;
        Assert.Contains(harness.Logs, line => line.Contains("The job store cannot record a job's outcome", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs, line => line.Contains(password, StringComparison.Ordinal));
    }
}
