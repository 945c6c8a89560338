using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Octokit.Webhooks.Events;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Webhooks;

namespace ReviewBot.Tests.App;

/// <summary>
/// The request path reads a <c>pull_request</c> delivery as <see cref="PullRequestDelivery"/>, only the fields routing
/// needs: it must read them as Octokit.Webhooks' full model does, on every real payload of GitHub's, and allocate a small
/// fraction of what that model does.
/// </summary>
public sealed class PullRequestDeliveryTests
{
    private const string Secret = "pull-request-delivery-tests";

    public static TheoryData<string> GitHubPayloads() =>
        [.. Directory.EnumerateFiles(AppHarness.FixturePath("pull_request"), "*.json").Select(Path.GetFileName).Order()!];

    [Theory]
    [MemberData(nameof(GitHubPayloads))]
    public void EveryGitHubPayload_ReadsTheRoutingFieldsAsOctokitsModel(string fixture)
    {
        var body = File.ReadAllBytes(Path.Combine(AppHarness.FixturePath("pull_request"), fixture));

        var narrow = PullRequestDelivery.Parse(body);
        var full = JsonSerializer.Deserialize<PullRequestEvent>(body)!;

        Assert.Equal((string)full.Action!, narrow.Action);
        Assert.Equal(full.PullRequest.Number, narrow.PullRequest!.Number);
        Assert.Equal(full.PullRequest.Draft, narrow.PullRequest.Draft);
        Assert.Equal(full.PullRequest.UpdatedAt, narrow.PullRequest.UpdatedAt);
        Assert.Equal(full.PullRequest.Head.Sha, narrow.PullRequest.Head!.Sha);
        Assert.Equal(full.PullRequest.Base.Ref, narrow.PullRequest.Base!.Ref);
        Assert.Equal(full.Repository!.Id, narrow.Repository!.Id);
        Assert.Equal(full.Repository.Name, narrow.Repository.Name);
        Assert.Equal(full.Repository.CloneUrl, narrow.Repository.CloneUrl);
        Assert.Equal(full.Repository.DefaultBranch, narrow.Repository.DefaultBranch);
        Assert.Equal(full.Repository.Owner.Login, narrow.Repository.Owner!.Login);
        Assert.Equal(full.Installation?.Id, narrow.Installation?.Id);
    }

    [Fact]
    public async Task ASignedDelivery_AllocatesAFractionOfItsEventModel()
    {
        // Read as Octokit.Webhooks' event (about 90 KB) from a string copy of the body (46 KB), this delivery cost more
        // than 140 KB; measured now, about 6 KB. Every step of the intake completes at once here, so the thread's own
        // count is the delivery's.
        var recorded = new List<ReviewRequest>();
        var intake = Intake(recorded);
        var body = Opened();
        for (var i = 0; i < 20; i++) await intake.HandleAsync(Signed(body));

        const int Deliveries = 200;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Deliveries; i++) await intake.HandleAsync(Signed(body));
        var perDelivery = (GC.GetAllocatedBytesForCurrentThread() - before) / Deliveries;

        Assert.Equal(20 + Deliveries, recorded.Count);
        Assert.True(perDelivery < 24 * 1024, $"{perDelivery / 1024} KB allocated a delivery of {body.Length / 1024} KB");
    }

    [Theory]
    [InlineData("number", "\"7\"")]
    [InlineData("head", "\"abc\"")]
    [InlineData("draft", "\"no\"")]
    [InlineData("updated_at", "\"yesterday\"")]
    public async Task ARoutingFieldOfTheWrongType_400(string field, string json)
    {
        var node = JsonNode.Parse(Opened())!.AsObject();
        node["pull_request"]![field] = JsonNode.Parse(json);
        var recorded = new List<ReviewRequest>();

        var context = Signed(Encoding.UTF8.GetBytes(node.ToJsonString()));
        await Intake(recorded).HandleAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task AFieldNotReadOfAnotherType_StillQueued()
    {
        // GitHub adds and changes fields over time; only the fields a review needs are held to a shape.
        var node = JsonNode.Parse(Opened())!.AsObject();
        node["pull_request"]!["labels"] = "not a list";
        node["sender"] = 42;
        var recorded = new List<ReviewRequest>();

        var context = Signed(Encoding.UTF8.GetBytes(node.ToJsonString()));
        await Intake(recorded).HandleAsync(context);

        Assert.Equal(StatusCodes.Status202Accepted, context.Response.StatusCode);
        var request = Assert.Single(recorded);
        Assert.Equal("pull_request.opened", request.Trigger);
    }

    private static byte[] Opened()
    {
        var node = JsonNode.Parse(File.ReadAllText(AppHarness.FixturePath("pull_request/opened.2.json")))!.AsObject();
        node["installation"] = new JsonObject { ["id"] = 7, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNw==" };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static WebhookIntake Intake(List<ReviewRequest> recorded)
    {
        var github = Options.Create(new GitHubAppOptions { WebhookSecret = Secret, AppId = 1 });
        var processor = new ReviewBotWebhookProcessor(new RecordsReviews(recorded), new InProcessJobNotifier(), github, NullLogger<ReviewBotWebhookProcessor>.Instance);
        return new WebhookIntake(
            processor, github, Options.Create(new WebhookOptions()), Options.Create(new StorageOptions { DataDir = Path.GetTempPath() }), TimeProvider.System, NullLogger<WebhookIntake>.Instance);
    }

    private static DefaultHttpContext Signed(byte[] body) => WebhookWarmUp.SignedDelivery("pull_request", body, Encoding.UTF8.GetBytes(Secret));

    /// <summary>Keeps the review requests, and completes at once as a store's group commit never does.</summary>
    private sealed class RecordsReviews(List<ReviewRequest> recorded) : IDeliveryLog
    {
        public Task<EnqueueResult> RecordReviewAsync(string deliveryId, string eventName, ReviewRequest? request, CancellationToken cancellationToken)
        {
            recorded.Add(request!);
            return Task.FromResult(new EnqueueResult(DeliveryOutcome.Queued, null, []));
        }

        public Task<DeliveryOutcome> RecordCommandAsync(string deliveryId, string eventName, CommandRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not a command");

        public Task<IReadOnlyList<long>?> RecordClosedAsync(string deliveryId, string eventName, long repositoryId, int pullNumber, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not closed");

        public Task<IReadOnlyList<long>?> RecordRepositoriesRemovedAsync(
            string deliveryId, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not removed");
    }
}
