using System.Diagnostics;
using System.Net;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace ReviewBot.Tests.App;

/// <summary>
/// Two <c>reviewbot serve</c> replicas, real child processes on one PostgreSQL database, behind no load balancer but
/// the test, which sends each delivery to the replica it chooses: one is killed with SIGKILL in the middle of a job,
/// and the other finishes it once the lease has run out; a newer head delivered to one stops the review running on
/// the other.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output) : IRunsOnPostgres
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    [StoreFact]
    public async Task AReplicaKilledMidJob_TheOtherFinishesTheJobWithinTheLease_AndRedeliveriesToEitherAreRecognised()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, onPostgres: true);
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var gate = harness.GitHub.Hold("POST", "/reviews$");
        var body = harness.Payload("pull_request/opened.2.json", pull);
        var delivery = Guid.NewGuid().ToString();
        await using var first = await ServeProcess.StartAsync(harness);
        await using var second = await ServeProcess.StartAsync(harness);

        await DeliverAsync(harness, first, body, delivery);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        var (holder, survivor) = first.Output.Contains("Job 1: reviewing", StringComparison.Ordinal) ? (first, second) : (second, first);
        Assert.Contains("Job 1: reviewing", holder.Output, StringComparison.Ordinal);

        // GitHub redelivers (the answer was lost, or someone pressed "Redeliver") to whichever replica it reaches.
        await DeliverAsync(harness, survivor, body, delivery);
        await DeliverAsync(harness, holder, body, delivery);

        var killed = Stopwatch.StartNew();
        holder.Kill();
        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha, TimeSpan.FromSeconds(60));
        var takeOver = killed.Elapsed;
        output.WriteLine($"BENCH the killed replica's job was finished by the other {takeOver.TotalSeconds:0.0} s after the kill (lease {Lease.TotalSeconds:0} s)");

        // The lease, a third of it until the survivor next looks, and the review itself.
        Assert.True(takeOver < Lease + TimeSpan.FromSeconds(10), $"the job was finished {takeOver} after the kill (lease {Lease}):\n{survivor.Output}");
        Assert.Equal("success", run.Conclusion);
        Assert.Contains("Queued again 1 job(s) whose replica stopped renewing its lease", survivor.Output, StringComparison.Ordinal);
        await DeliverAsync(harness, survivor, body, delivery);

        // One of everything: the check run the dead replica created is the one concluded, one review, one summary.
        await ServeProcessTests.AssertPublishedOnceBySecondAttemptAsync(harness, pull);
    }

    [StoreFact]
    public async Task ANewerHeadDeliveredToOneReplica_StopsTheReviewRunningOnTheOther()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, onPostgres: true);
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var olderSha = pull.HeadSha;
        var gate = harness.GitHub.Hold("POST", "/reviews$");
        await using var first = await ServeProcess.StartAsync(harness);
        await using var second = await ServeProcess.StartAsync(harness);

        await DeliverAsync(harness, first, harness.Payload("pull_request/opened.2.json", pull), Guid.NewGuid().ToString());
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        var (holder, other) = first.Output.Contains("Job 1: reviewing", StringComparison.Ordinal) ? (first, second) : (second, first);

        var newer = harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n}\n" });
        await DeliverAsync(harness, other, harness.Payload("pull_request/synchronize.1.json", newer), Guid.NewGuid().ToString());

        // The holder learns of it from the database's notice (or, failing that, its next lease renewal) and lets go
        // of the held request; the newer head is reviewed, by either replica.
        await FakeGitHubServer.WaitUntilAsync(() => gate.Abandoned, TimeSpan.FromSeconds(30), $"the older review to be stopped:\n{holder.Output}");
        Assert.Equal("success", (await harness.WaitForCompletedCheckRunAsync(newer.HeadSha)).Conclusion);
        await harness.WaitUntilAsync(
            () => harness.GitHub.CheckRuns(harness.Repository, olderSha).All(r => r.Status == "completed"), TimeSpan.FromSeconds(30), "the older head's run concluded");
        Assert.Equal("neutral", Assert.Single(harness.GitHub.CheckRuns(harness.Repository, olderSha)).Conclusion);
        Assert.Single(harness.GitHub.Reviews(newer));
        Assert.Contains("Job 1: superseded by a newer head; stopped", holder.Output, StringComparison.Ordinal);
    }

    private static async Task DeliverAsync(AppHarness harness, ServeProcess replica, string body, string delivery)
    {
        harness.UseAppUrl(replica.Url);
        using var response = await harness.DeliverAsync("pull_request", body, delivery);
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
    }
}
