using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Tests.App;

/// <summary>
/// What operators see of a running App: <c>/metrics</c> scraped over HTTP before and after real deliveries, asserted by
/// how far each value moved. Alone in their collection: the meter and the activity source are the process's, and other
/// tests' Apps would move the same counters.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private static readonly (string, string) PullRequestEvent = ("github_event", "pull_request");

    [Fact]
    public async Task Metrics_MoveWithTheDeliveriesAndReviewsDone()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        using var http = new HttpClient();
        var metrics = new Uri(harness.AppUrl!, "metrics");
        var before = await PrometheusScrape.ReadAsync(http, metrics);

        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var payload = harness.Payload("pull_request/opened.2.json", pull);
        var delivery = Guid.NewGuid().ToString();
        using (var first = await harness.DeliverAsync("pull_request", payload, delivery)) await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        using (var again = await harness.DeliverAsync("pull_request", payload, delivery)) await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, again);
        using (var forged = await harness.DeliverAsync("pull_request", payload, signature: "sha256=" + new string('0', 64)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.BadRequest, forged);
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var after = await PrometheusScrape.ReadAsync(http, metrics);

        double Moved(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        const string Deliveries = "reviewbot_webhook_deliveries_total";
        Assert.Equal(1, Moved(Deliveries, PullRequestEvent, ("reviewbot_outcome", "queued")));
        Assert.Equal(1, Moved(Deliveries, PullRequestEvent, ("reviewbot_outcome", "redelivery")));
        Assert.Equal(1, Moved(Deliveries, PullRequestEvent, ("reviewbot_outcome", "refused")));
        Assert.Equal(3, Moved("http_server_request_duration_seconds_count", ("http_route", "/api/github/webhooks")));
        Assert.Equal(2, Moved("http_server_request_duration_seconds_count", ("http_route", "/api/github/webhooks"), ("http_response_status_code", "202")));

        // The review: one attempt, each stage once, the two naming findings of FirstChange, and its GitHub calls.
        // The exporter answers a scrape from its last one for a moment (ScrapeResponseCacheDurationMilliseconds), and the
        // attempt is counted as the worker finishes it: scraped again until it is.
        after = await ScrapeUntilAsync(http, metrics, scrape => scrape.Sum("reviewbot_review_duration_seconds_count") > before.Sum("reviewbot_review_duration_seconds_count"));
        Assert.Equal(1, Moved("reviewbot_review_duration_seconds_count", ("reviewbot_outcome", "completed")));
        foreach (var stage in new[] { "fetch", "diff", "publish" })
        {
            Assert.Equal(1, Moved("reviewbot_review_stage_duration_seconds_count", ("reviewbot_stage", stage)));
        }

        Assert.Equal(1, Moved("reviewbot_review_stage_duration_seconds_count", ("reviewbot_stage", "analyze"), ("reviewbot_language", "csharp")));
        Assert.True(Moved("reviewbot_review_stage_duration_seconds_sum", ("reviewbot_stage", "fetch")) > 0);
        Assert.Equal(2, Moved("reviewbot_findings_total", ("reviewbot_category", "naming"), ("reviewbot_language", "csharp")));
        Assert.Equal(0, Moved("reviewbot_findings_total", ("reviewbot_category", "documentation")));

        const string GitHubRequests = "http_client_request_duration_seconds_count";
        Assert.Equal(1, Moved(GitHubRequests, ("http_request_method", "POST"), ("url_template", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews"), ("http_response_status_code", "200")));
        Assert.Equal(1, Moved(GitHubRequests, ("http_request_method", "POST"), ("url_template", "/app/installations/{installation_id}/access_tokens"), ("http_response_status_code", "201")));
        Assert.Equal(
            harness.GitHub.Requests.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)),
            after.Sum(GitHubRequests) - before.Sum(GitHubRequests));
        Assert.DoesNotContain("other", after.LabelValues(GitHubRequests, "url_template"));
        Assert.True(after.Has("reviewbot_github_rate_limit_remaining"), "the rate-limit gauge is exported");
        Assert.Equal(0, after.Sum("reviewbot_queue_depth", ("reviewbot_queue", "review"), ("reviewbot_job_state", "queued")));
        Assert.Equal(0, after.Sum("reviewbot_queue_oldest_job_age_seconds", ("reviewbot_queue", "review")));
    }

    [Fact]
    public async Task MetricsPort_ServesMetricsThere_AndNotBesideTheWebhooks()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        var port = FreePort();
        await harness.StartAppAsync(("ReviewBot__MetricsPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var http = new HttpClient();

        var scrape = await PrometheusScrape.ReadAsync(http, new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.True(scrape.Has("reviewbot_webhook_deliveries_total") || scrape.Text.Contains("# TYPE", StringComparison.Ordinal), scrape.Text);
        using var beside = await harness.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, beside.StatusCode);
        using var health = await harness.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task MetricsOff_NoEndpoint()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync(("ReviewBot__Metrics", "false"));
        using var response = await harness.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<PrometheusScrape> ScrapeUntilAsync(HttpClient http, Uri metrics, Func<PrometheusScrape, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scrape = await PrometheusScrape.ReadAsync(http, metrics);
            if (condition(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsCollection;
