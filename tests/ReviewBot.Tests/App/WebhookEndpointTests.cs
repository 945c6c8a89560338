using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>The webhook endpoint over real HTTP: signatures, bodies we cannot read, redeliveries, events we ignore.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private AppHarness _harness = null!;
    private FakePullRequest _pull = null!;

    public async Task InitializeAsync()
    {
        _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await _harness.StartAppAsync();
        _pull = _harness.OpenPullRequest(EndToEndTests.FirstChange);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private IReadOnlyList<ReviewJob> Jobs => _harness.Jobs.JobsOf(AppHarness.RepositoryId, _pull.Number);

    [Fact]
    public async Task BadSignature_Refused_NothingQueued()
    {
        var body = _harness.Payload("pull_request/opened.2.json", _pull);

        using var wrong = await _harness.DeliverAsync("pull_request", body, signature: AppHarness.Sign(body, "not the secret"));
        using var missing = await _harness.DeliverAsync("pull_request", body, signature: "");
        using var tampered = await _harness.DeliverAsync("pull_request", body.Replace("Codertocat", "Mallory", StringComparison.Ordinal), signature: AppHarness.Sign(body));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Empty(Jobs);
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedJson_400WithReason_ServerStaysUp()
    {
        using var notJson = await _harness.DeliverAsync("pull_request", "{\"action\": \"opened\", ");
        using var array = await _harness.DeliverAsync("pull_request", "[1, 2, 3]");
        using var lacking = await _harness.DeliverAsync("pull_request", """{"action":"opened","number":2}""");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("JSON", await notJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, lacking.StatusCode);
        Assert.Empty(Jobs);

        using var health = await _harness.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var valid = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", _pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, valid);
    }

    [Fact]
    public async Task PayloadWithoutInstallation_400NamingIt()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(_harness.Payload("pull_request/opened.2.json", _pull))!.AsObject();
        body.Remove("installation");

        using var response = await _harness.DeliverAsync("pull_request", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("installation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Jobs);
    }

    [Fact]
    public async Task Redelivery_IsANoOp_ReviewPublishedOnce()
    {
        var body = _harness.Payload("pull_request/opened.2.json", _pull);
        var delivery = Guid.NewGuid().ToString();

        using var first = await _harness.DeliverAsync("pull_request", body, delivery);
        using var again = await _harness.DeliverAsync("pull_request", body, delivery);
        await _harness.WaitForCompletedCheckRunAsync(_pull.HeadSha);
        using var late = await _harness.DeliverAsync("pull_request", body, delivery);

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, again);
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, late);
        // The check run is completed just before the job is marked so.
        await FakeGitHubServer.WaitUntilAsync(() => Jobs.All(j => j.State == JobState.Completed), TimeSpan.FromSeconds(30), "the job completed");
        var job = Assert.Single(Jobs);
        Assert.Equal(JobState.Completed, job.State);
        Assert.Single(_harness.GitHub.Reviews(_pull));
        Assert.Single(_harness.GitHub.CheckRuns(_harness.Repository));
    }

    [Fact]
    public async Task SameHeadTwice_WithDifferentDeliveries_OneJob()
    {
        // reopened right after opened, before the first review ran: one job for the head.
        var store = _harness.Jobs;
        using var opened = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/opened.2.json", _pull));
        using var reopened = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/reopened.1.json", _pull));
        await _harness.WaitForCompletedCheckRunAsync(_pull.HeadSha);
        await FakeGitHubServer.WaitUntilAsync(
            () => store.JobsOf(AppHarness.RepositoryId, _pull.Number).All(j => j.State == JobState.Completed), TimeSpan.FromSeconds(30), "jobs completed");

        Assert.Single(_harness.GitHub.IssueComments(_pull));
        Assert.All(store.JobsOf(AppHarness.RepositoryId, _pull.Number), j => Assert.Equal(_pull.HeadSha, j.Request.HeadSha));
    }

    [Theory]
    [InlineData("pull_request", "pull_request/closed.1.json")]
    [InlineData("pull_request", "pull_request/labeled.1.json")]
    [InlineData("push", "push/event.1.json")]
    [InlineData("issue_comment", "issue_comment/created.1.json")]
    [InlineData("installation_repositories", "installation_repositories/added.1.json")]
    [InlineData("ping", "ping/event.1.json")]
    public async Task OtherEvents_Acknowledged_NothingQueued(string eventName, string fixture)
    {
        var body = await File.ReadAllTextAsync(AppHarness.FixturePath(fixture));

        using var response = await _harness.DeliverAsync(eventName, body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(Jobs);
    }

    [Fact]
    public async Task DraftOpened_NotReviewed_ReadyForReview_Reviewed()
    {
        var draft = System.Text.Json.Nodes.JsonNode.Parse(_harness.Payload("pull_request/opened.2.json", _pull))!.AsObject();
        draft["pull_request"]!["draft"] = true;

        using var opened = await _harness.DeliverAsync("pull_request", draft.ToJsonString());
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, opened);
        await FakeGitHubServer.WaitUntilAsync(() => Jobs.Single().State == JobState.Completed, TimeSpan.FromSeconds(30), "the draft's job to finish");
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository));
        Assert.Empty(_harness.GitHub.Reviews(_pull));

        using var ready = await _harness.DeliverAsync("pull_request", _harness.Payload("pull_request/ready_for_review.1.json", _pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, ready);
        await _harness.WaitForCompletedCheckRunAsync(_pull.HeadSha);
        Assert.Single(_harness.GitHub.Reviews(_pull));
    }

    [Fact]
    public async Task DraftOpened_Reviewed_WhenTheDefaultBranchConfigAsksForIt()
    {
        await using var harness = await AppHarness.CreateAsync(new Dictionary<string, string>(EndToEndTests.BaseFiles)
        {
            [".reviewbot.yml"] = EndToEndTests.QuietConfig + "review_drafts: true\nmax_inline_comments: 1\n",
        });
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(new Dictionary<string, string?>(EndToEndTests.FirstChange)
        {
            [".reviewbot.yml"] = "review_drafts: false\nmax_inline_comments: 50\n", // the pull request's own copy is not read
        });
        var draft = System.Text.Json.Nodes.JsonNode.Parse(harness.Payload("pull_request/opened.2.json", pull))!.AsObject();
        draft["pull_request"]!["draft"] = true;

        using var opened = await harness.DeliverAsync("pull_request", draft.ToJsonString());

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Single(harness.GitHub.ReviewComments(pull));
        Assert.Contains("Not posted as inline comments** (1)", harness.GitHub.IssueComments(pull).Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledgement_IsWrittenBeforeTheResponse_AndFast()
    {
        var bodies = Enumerable.Range(0, 20).Select(_ => _harness.Payload("pull_request/opened.2.json", _pull)).ToList();
        using (await _harness.DeliverAsync("pull_request", bodies[0]))
        {
            // warm-up
        }

        var times = new List<TimeSpan>();
        foreach (var body in bodies.Skip(1))
        {
            var watch = Stopwatch.StartNew();
            using var response = await _harness.DeliverAsync("pull_request", body);
            times.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.NotEmpty(Jobs); // durable before the 202
        }

        times.Sort();
        Assert.True(times[times.Count / 2] < TimeSpan.FromMilliseconds(100), $"median acknowledgement {times[times.Count / 2].TotalMilliseconds} ms");
    }
}
