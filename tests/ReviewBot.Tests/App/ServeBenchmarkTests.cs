using System.Diagnostics;
using System.Globalization;
using System.Net;
using ReviewBot.Tests.FakeGitHub;
using Xunit.Abstractions;

namespace ReviewBot.Tests.App;

/// <summary>
/// The App's figures, measured over real loopback HTTP against the fake: acknowledgement latency under a burst of 200
/// signed deliveries, and the time from <c>opened</c> to the completed check run of a 20-file pull request. They print
/// with <c>tests/ReviewBot.Benchmarks/bench-serve.sh</c>; as tests they hold the App to the 100 ms.
/// </summary>
public sealed class ServeBenchmarkTests(ITestOutputHelper output)
{
    private const int Burst = 200;
    private const int Concurrency = 16;

    [Fact]
    public async Task Burst_Of200SignedDeliveries_AcknowledgedWithin100msAtTheMedian()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        var body = harness.Payload("pull_request/synchronize.1.json", pull);
        using (await harness.DeliverAsync("pull_request", body))
        {
            // warm-up: JIT, connection pool, database file
        }

        var latencies = new double[Burst];
        var statuses = new HttpStatusCode[Burst];
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Burst), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await harness.DeliverAsync("pull_request", body);
            latencies[i] = watch.Elapsed.TotalMilliseconds;
            statuses[i] = response.StatusCode;
        });
        total.Stop();

        Array.Sort(latencies);
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH ack: {Burst} signed deliveries, {Concurrency} concurrent: p50 {p50:F1} ms, p99 {p99:F1} ms, max {latencies[^1]:F1} ms, total {total.Elapsed.TotalMilliseconds:F0} ms"));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.True(p50 < 100, $"p50 {p50:F1} ms");
    }

    [Fact]
    public async Task TwentyFilePullRequest_OpenedToCompletedCheckRun()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var cold = await ReviewTwentyFilesAsync(harness, number: 2, branch: "first");
        harness.Work.Checkout("main");
        var warm = await ReviewTwentyFilesAsync(harness, number: 3, branch: "second");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH e2e: 20-file pull request, opened -> completed check run: first in the process {cold.TotalMilliseconds:F0} ms, next {warm.TotalMilliseconds:F0} ms"));
    }

    private async Task<TimeSpan> ReviewTwentyFilesAsync(AppHarness harness, int number, string branch)
    {
        var files = new Dictionary<string, string?>();
        for (var i = 0; i < 20; i++)
        {
            files[$"src/Feature{i}/Service{i}.cs"] = ServiceSource($"Demo.Feature{i}", i, number);
        }

        var pull = harness.OpenPullRequest(files, number, branch);
        var watch = Stopwatch.StartNew();
        using (var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha, TimeSpan.FromMinutes(2));
        watch.Stop();
        Assert.Equal(40, run.Annotations.Count); // per file: the unused using and the snake_case method
        Assert.Equal(25, harness.GitHub.ReviewComments(pull).Count);
        return watch.Elapsed;
    }

    /// <summary>
    /// A C# file of a 20-file pull request: two findings a file (an unused <c>using</c>, a snake_case method name), the
    /// rest clean; <paramref name="number"/> makes each pull request's files its own.
    /// </summary>
    internal static string ServiceSource(string ns, int index, int number) => $$"""
        using System.Text;

        namespace {{ns}};

        public sealed class Service{{index}}
        {
            public int Compute(int value) => value * {{index + number}};

            public int compute_twice(int value) => Compute(Compute(value));

            public string Describe(int value)
            {
                var total = 0;
                for (var n = 0; n < value; n++)
                {
                    total += n;
                }

                return "total: " + total;
            }
        }

        """;

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
