using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ReviewBot.Tests.FakeGitHub;

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
        // The warm-up's example events (WebhookWarmUp) went through an intake of their own: they are no deliveries.
        Assert.Equal(0, before.Sum("reviewbot_webhook_deliveries_total"));

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

    [Fact]
    public async Task Traces_OnePerDelivery_FromTheWebhookAcrossTheQueueToEveryGitHubCall()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        var spans = new ExportedSpans();
        harness.ConfigureApp = builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        await harness.StartAppAsync(("ReviewBot__Tracing", "true"));

        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var deliveries = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull), deliveries[0]))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        harness.UpdatePullRequest(new Dictionary<string, string?> { ["src/Other.cs"] = "namespace Demo;\n\npublic class Other\n{\n    public int get_other() => 3;\n}\n" });
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull), deliveries[1]))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        // A span is exported when it ends; the job's ends after its outcome is stored.
        await harness.WaitUntilAsync(() => spans.Snapshot().Count(s => s.OperationName == "review job") == 2, TimeSpan.FromSeconds(30), "both jobs' spans ended");
        var all = spans.Snapshot();

        var traces = new HashSet<ActivityTraceId>();
        foreach (var delivery in deliveries)
        {
            var server = Assert.Single(all, s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("github.delivery"), delivery));
            Assert.Equal(default, server.ParentSpanId);
            Assert.Equal("Codertocat/Hello-World", server.GetTagItem("github.repository"));
            Assert.Equal(pull.Number, server.GetTagItem("github.pull_request.number"));
            Assert.True(traces.Add(server.TraceId), "each delivery is a trace of its own");

            var trace = all.Where(s => s.TraceId == server.TraceId).ToList();
            var job = Assert.Single(trace, s => s.OperationName == "review job");
            Assert.Equal(server.SpanId, job.ParentSpanId);
            Assert.Equal(delivery, job.GetTagItem("github.delivery"));
            Assert.Equal(pull.Number, job.GetTagItem("github.pull_request.number"));
            Assert.Equal("completed", job.GetTagItem("reviewbot.outcome"));
            Assert.Equal(["review analyze", "review fetch", "review publish"], trace.Where(s => s.ParentSpanId == job.SpanId && s.Kind == ActivityKind.Internal).Select(s => s.OperationName).Order(StringComparer.Ordinal));

            var calls = trace.Where(s => s.Kind == ActivityKind.Client).ToList();
            Assert.Contains(calls, c => c.DisplayName == "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews" && Equals(c.GetTagItem("http.response.status_code"), 200));
            Assert.Contains(calls, c => c.DisplayName == "POST /repos/{owner}/{repo}/check-runs");
            Assert.All(calls, call => Assert.True(DescendsFrom(call, job, trace), $"{call.DisplayName} is under the job's span"));
        }

        // Every API request GitHub received is a span of one of the two traces.
        var clientSpans = all.Where(s => s.Kind == ActivityKind.Client && s.Source.Name == "ReviewBot").ToList();
        Assert.All(clientSpans, s => Assert.Contains(s.TraceId, traces));
        Assert.Equal(harness.GitHub.Requests.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)), clientSpans.Count);
        AssertNoSecret(harness, string.Join('\n', all.Select(Describe)));
    }

    [Fact]
    public async Task JsonLogs_EveryLineAnObject_TheWorkOfADeliveryInItsScope_NoSecretAnywhere()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var delivery = Guid.NewGuid().ToString();
        string output;
        string metricsText;
        await using (var serve = await ServeProcess.StartAsync(harness, ("ReviewBot__LogFormat", "json"), ("Logging__LogLevel__ReviewBot", "Debug")))
        {
            harness.UseAppUrl(serve.Url);
            using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull), delivery))
            {
            }

            await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
            using var http = new HttpClient();
            // The analysis ran in the analysis process (serve's default): its diff and analyzer figures came back in its reply.
            var scrape = await ScrapeUntilAsync(http, new Uri(serve.Url, "metrics"), s => s.Sum("reviewbot_review_duration_seconds_count") >= 1);
            Assert.Equal(1, scrape.Sum("reviewbot_review_stage_duration_seconds_count", ("reviewbot_stage", "diff")));
            Assert.Equal(1, scrape.Sum("reviewbot_review_stage_duration_seconds_count", ("reviewbot_stage", "analyze"), ("reviewbot_language", "csharp")));
            Assert.True(scrape.Sum("reviewbot_review_stage_duration_seconds_sum", ("reviewbot_stage", "analyze")) > 0);
            metricsText = scrape.Text;
            await harness.WaitUntilAsync(() => serve.Output.Contains("completed", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the job's last entry");
            output = serve.Output;
        }

        var entries = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        static string Message(JsonElement entry) => entry.GetProperty("Message").GetString() ?? "";
        static bool InScope(JsonElement entry, string key, string value) =>
            entry.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty(key, out var found) && found.ToString() == value);

        var about = entries.Where(e => InScope(e, "Delivery", delivery)).ToList();
        var recorded = Assert.Single(about, e => Message(e).Contains("pull_request.opened", StringComparison.Ordinal));
        Assert.True(InScope(recorded, "PullRequest", pull.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), Message(recorded));
        Assert.True(InScope(recorded, "Repository", "Codertocat/Hello-World"), Message(recorded));
        var workerEntries = about.Where(e => e.GetProperty("Category").GetString() == "ReviewBot.Jobs.JobWorker").ToList();
        Assert.NotEmpty(workerEntries);
        Assert.All(workerEntries, e => Assert.True(InScope(e, "PullRequest", pull.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), Message(e)));
        // Every entry of the review's work (claimed, published, completed) is in its delivery's scope.
        Assert.All(
            entries.Where(e => e.GetProperty("Category").GetString()!.StartsWith("ReviewBot.Jobs.", StringComparison.Ordinal) && Message(e).Contains("#" + pull.Number, StringComparison.Ordinal)),
            e => Assert.True(InScope(e, "Delivery", delivery), Message(e)));
        AssertNoSecret(harness, output + "\n" + metricsText);
    }

    /// <summary>
    /// Where the in-memory exporter puts the spans: it adds them on the threads that end them, while the test reads, so
    /// every access takes the lock.
    /// </summary>
    private sealed class ExportedSpans : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];

        public int Count
        {
            get { lock (_spans) return _spans.Count; }
        }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot()
        {
            lock (_spans) return [.. _spans];
        }

        public void Add(Activity item)
        {
            lock (_spans) _spans.Add(item);
        }

        public void Clear()
        {
            lock (_spans) _spans.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (_spans) return _spans.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (_spans) _spans.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (_spans) return _spans.Remove(item);
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, List<Activity> trace)
    {
        var bySpan = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = bySpan.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId) return true;
        }

        return false;
    }

    private static string Describe(Activity span) =>
        $"{span.DisplayName} {span.StatusDescription} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {string.Join(' ', span.Events.Select(e => e.Name))}";

    /// <summary>Neither the webhook secret, nor the private key, nor an installation token or App JWT the fake saw.</summary>
    private static void AssertNoSecret(AppHarness harness, string text)
    {
        Assert.DoesNotContain(AppHarness.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.NotEmpty(harness.GitHub.IssuedTokens);
        Assert.All(harness.GitHub.IssuedTokens, token => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
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
