using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace ReviewBot.Tests.App;

/// <summary>
/// How fast a <c>reviewbot serve</c> process (a child process, as operators run it) acknowledges webhooks while it
/// reviews: pull requests of 20 files each are opened and reviewed (the process warm, as one that has run a while), as
/// many again are opened, and while their reviews run a burst of signed deliveries arrives from 8 senders (curl, a
/// process of its own, 8 transfers at once), each opening another 20-file pull request. Checked: every delivery answered 202 is in the
/// store and its head gets a completed check run. Measured (printed as BENCH lines): the first delivery after start,
/// and acknowledgement p50/p99/max under the burst.
/// <para>
/// <c>REVIEWBOT_SCALE</c> unset, it is the short run of <c>dotnet test</c>; <c>full</c>, the issue's run (200 deliveries),
/// as <c>tests/ReviewBot.Benchmarks/bench-ack.sh</c> runs it for each store.
/// </para>
/// </summary>
[Collection(AckUnderLoad.Collection)]
public sealed class AckUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public Task Sqlite_BurstWhileReviewing_EveryAcknowledgedDeliveryStoredAndReviewed() => AckUnderLoad.RunAsync(output, onPostgres: false);
}

/// <summary><see cref="AckUnderLoadTests"/> on the PostgreSQL store.</summary>
[Collection(AckUnderLoad.Collection)]
public sealed class AckUnderLoadOnPostgresTests(ITestOutputHelper output) : IRunsOnPostgres
{
    [StoreFact]
    public Task Postgres_BurstWhileReviewing_EveryAcknowledgedDeliveryStoredAndReviewed() => AckUnderLoad.RunAsync(output, onPostgres: true);
}

internal static class AckUnderLoad
{
    /// <summary>One store at a time: two bursts at once on two cores would each measure the other.</summary>
    public const string Collection = "acknowledgement under load";

    private const int Senders = 8;
    private const int FilesPerPull = 20;
    private const int PullsPerInstallation = 20;

    private static readonly bool Full = Environment.GetEnvironmentVariable("REVIEWBOT_SCALE") == "full";

    public static async Task RunAsync(ITestOutputHelper output, bool onPostgres)
    {
        var (underReview, burst) = Full ? (4, 200) : (2, 16);

        // The fake GitHub blocks pool threads on git processes while it serves the reviews: without threads to spare, the
        // deliveries sent from this process before the burst would measure this process's queue, not the App.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completions);
        try
        {
            await RunBurstAsync(output, onPostgres, underReview, burst);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completions);
        }
    }

    private static async Task RunBurstAsync(ITestOutputHelper output, bool onPostgres, int underReview, int burst)
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, onPostgres);
        var repositories = new Dictionary<int, (FakeGitHub.FakeRepository, FakeGitHub.WorkRepository)>();
        var pulls = Enumerable.Range(0, (2 * underReview) + burst).Select(i => OpenTwentyFilePull(harness, repositories, i)).ToList();

        // Kestrel's own line per request gives the time inside the App, apart from the senders' side. Telemetry as deployed
        // (REVIEWBOT_BENCH_TELEMETRY=off: without it, for the comparison): metrics scraped every second, traces recorded,
        // and exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the serve process inherits it).
        var telemetry = Environment.GetEnvironmentVariable("REVIEWBOT_BENCH_TELEMETRY") != "off";
        await using var serve = await ServeProcess.StartAsync(
            harness,
            ("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information"),
            telemetry ? ("ReviewBot__Tracing", "true") : ("ReviewBot__Metrics", "false"));
        var acknowledged = new List<(string Delivery, double Milliseconds)>();

        async Task DeliverAsync((FakeGitHub.FakePullRequest Pull, string Body, string Id) delivery)
        {
            var watch = Stopwatch.StartNew();
            using var response = await harness.DeliverToAsync(serve.Url, "pull_request", delivery.Body, delivery.Id);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"delivery {delivery.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            lock (acknowledged) acknowledged.Add((delivery.Id, elapsed));
        }

        // The first delivery to the freshly started process, alone: what start-up left for the first request to do.
        var deliveries = pulls.Select(pull => (pull, Body: OpenedPayload(harness, pull), Id: Guid.NewGuid().ToString())).ToList();
        await DeliverAsync(deliveries[0]);
        var first = acknowledged[0].Milliseconds;

        // The first pull requests reviewed to the end: the process has the analysis compiled, as one that has run a while.
        foreach (var delivery in deliveries.Skip(1).Take(underReview - 1)) await DeliverAsync(delivery);
        await WaitUntilReviewedAsync(harness, deliveries.Take(underReview).Select(d => d.pull));

        // Then as many again, and the burst while they are under review.
        foreach (var delivery in deliveries.Skip(underReview).Take(underReview)) await DeliverAsync(delivery);
        await harness.WaitUntilAsync(
            () => pulls.Skip(underReview).Take(underReview).Any(p => harness.GitHub.CheckRuns(p.Repository, p.HeadSha).Any(r => r.Status == "in_progress")),
            TimeSpan.FromSeconds(60),
            "a review under way");

        using var scraping = new CancellationTokenSource();
        var scraper = telemetry ? ScrapeEverySecondAsync(serve.Url, scraping.Token) : Task.FromResult(0);
        var started = Stopwatch.StartNew();
        var sent = await SendFromCurlAsync(harness, serve.Url, deliveries.Skip(2 * underReview).Select(d => (d.Body, d.Id)).ToList());
        var lastAck = started.Elapsed;
        foreach (var (id, status, milliseconds) in sent)
        {
            Assert.True(status == 202, $"delivery {id}: {status}");
            acknowledged.Add((id, milliseconds));
        }

        await WaitUntilReviewedAsync(harness, deliveries.Select(d => d.pull));
        var drained = started.Elapsed;
        await scraping.CancelAsync();
        var scrapes = await scraper;
        Assert.True(!telemetry || scrapes > 0, "/metrics was scraped during the burst");
        // Peak resident memory over the whole run: the App, and its analysis process (ReviewBot__AnalysisProcess).
        var servePeak = PeakMemory.MebibytesOf(serve.ProcessId);
        var analysisPeak = PeakMemory.ChildrenOf(serve.ProcessId).Select(PeakMemory.MebibytesOf).Max();
        var stored = harness.Jobs.DeliveryIds();
        Assert.All(acknowledged, a => Assert.Contains(a.Delivery, stored));
        Assert.Equal(deliveries.Count, acknowledged.Count);

        var server = System.Text.RegularExpressions.Regex.Matches(serve.Output, @"Request finished HTTP/1.1 POST .*? - 202 .*? ([0-9.]+)ms").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Skip(2 * underReview).Order().ToList();
        Assert.Equal(burst, server.Count);
        var sorted = acknowledged.Skip(2 * underReview).Select(a => a.Milliseconds).Order().ToList();
        var store = (onPostgres ? "PostgreSQL" : "SQLite") + (telemetry ? $" (metrics and traces on, {scrapes} scrapes)" : " (telemetry off)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            BENCH ack {store}: first delivery after start {first:0.0} ms
            BENCH ack {store}: the same burst inside the App (Kestrel's request time): p50 {Percentile(server, 0.50):0.0} ms, p99 {Percentile(server, 0.99):0.0} ms, max {server[^1]:0.0} ms
            BENCH ack {store}: {burst} deliveries from {Senders} senders while {underReview} {FilesPerPull}-file pull requests were under review: p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms; last acknowledged at {lastAck.TotalSeconds:0.0} s, all {deliveries.Count} reviewed at {drained.TotalSeconds:0.0} s
            BENCH ack {store}: peak resident memory: serve {servePeak:0} MiB, its analysis process {analysisPeak:0} MiB
            """));
    }

    /// <summary>Scrapes <c>/metrics</c> every second, as Prometheus would, until cancelled; returns how many scrapes were answered.</summary>
    private static async Task<int> ScrapeEverySecondAsync(Uri app, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var scrapes = 0;
        try
        {
            while (true)
            {
                using (var response = await http.GetAsync(new Uri(app, "metrics"), cancellationToken))
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    await response.Content.ReadAsStringAsync(cancellationToken);
                    scrapes++;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return scrapes;
        }
    }

    /// <summary>
    /// Sends the burst from a process of its own: curl, <see cref="Senders"/> transfers at once, each on a kept-alive
    /// connection, timed by curl from the start of the transfer to the end of the answer. Senders in this process would
    /// share its thread pool and cores with the fake GitHub serving the reviews' fetches, and measure that too.
    /// </summary>
    private static async Task<List<(string Delivery, int Status, double Milliseconds)>> SendFromCurlAsync(
        AppHarness harness, Uri app, IReadOnlyList<(string Body, string Id)> deliveries)
    {
        var folder = Path.Combine(harness.Root, "burst");
        Directory.CreateDirectory(folder);
        var config = new StringBuilder();
        for (var i = 0; i < deliveries.Count; i++)
        {
            var (body, id) = deliveries[i];
            var file = Path.Combine(folder, $"{i}.json");
            await File.WriteAllTextAsync(file, body);
            if (i > 0) config.Append("next\n");
            config.Append(CultureInfo.InvariantCulture, $$"""
                url = "{{new Uri(app, "api/github/webhooks")}}"
                header = "Content-Type: application/json"
                header = "Expect:"
                header = "X-GitHub-Event: pull_request"
                header = "X-GitHub-Delivery: {{id}}"
                header = "X-Hub-Signature-256: {{AppHarness.Sign(body)}}"
                data-binary = "@{{file}}"
                output = "/dev/null"
                write-out = "{{id}} %{http_code} %{time_total}\n"

                """);
        }

        var configFile = Path.Combine(folder, "curl.config");
        await File.WriteAllTextAsync(configFile, config.ToString());
        var curl = new ProcessStartInfo("curl", ["--silent", "--show-error", "--no-progress-meter", "--parallel", "--parallel-immediate", "--parallel-max", Senders.ToString(CultureInfo.InvariantCulture), "--config", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(curl) ?? throw new InvalidOperationException("curl did not start (the benchmark sends its burst with curl)");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {await errors}");
        var answers = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).Select(parts =>
            (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture) * 1000)).ToList();
        Assert.Equal(deliveries.Count, answers.Count);
        return answers;
    }

    /// <summary>
    /// Opens the <paramref name="index"/>th pull request: 20 C# files of its own on a branch off <c>main</c>, in one of
    /// several installations (a repository each), so that GitHub's per-installation limit on content-creating requests,
    /// which the App paces itself to, does not make the reviews wait.
    /// </summary>
    private static FakeGitHub.FakePullRequest OpenTwentyFilePull(
        AppHarness harness, Dictionary<int, (FakeGitHub.FakeRepository Repository, FakeGitHub.WorkRepository Work)> repositories, int index)
    {
        var installation = 2 + (index / PullsPerInstallation); // 1 is the harness's own
        var number = 2 + (index % PullsPerInstallation);
        if (!repositories.TryGetValue(installation, out var repository))
        {
            harness.GitHub.AddInstallation(installation);
            var work = new FakeGitHub.WorkRepository(Path.Combine(harness.Root, $"work-{installation}"));
            foreach (var (path, content) in EndToEndTests.BaseFiles) work.Write(path, content);
            work.Commit("base");
            repository = (harness.GitHub.AddRepository(installation, 800_000 + installation, $"org{installation}", $"repo{installation}", work), work);
            repositories[installation] = repository;
        }

        repository.Work.Checkout("main");
        repository.Work.Checkout($"pull-{number}", create: true);
        for (var i = 0; i < FilesPerPull; i++)
        {
            repository.Work.Write($"src/Pull{number}/Service{i}.cs", ServeBenchmarkTests.ServiceSource($"Demo.Pull{number}", i, number));
        }

        repository.Work.Commit($"pull {number}");
        return harness.GitHub.SetPullRequest(repository.Repository, number, "main", repository.Work);
    }

    private static async Task WaitUntilReviewedAsync(AppHarness harness, IEnumerable<FakeGitHub.FakePullRequest> pulls)
    {
        foreach (var pull in pulls)
        {
            await harness.WaitUntilAsync(
                () => harness.GitHub.CheckRuns(pull.Repository, pull.HeadSha).Any(r => r.Status == "completed"),
                TimeSpan.FromMinutes(Full ? 10 : 3), $"{pull.Repository.FullName}#{pull.Number} reviewed");
        }
    }

    private static string OpenedPayload(AppHarness harness, FakeGitHub.FakePullRequest pull)
    {
        var node = JsonNode.Parse(harness.Payload("pull_request/opened.2.json", pull))!.AsObject();
        node["installation"]!["id"] = pull.Repository.InstallationId;
        return node.ToJsonString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
