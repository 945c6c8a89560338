using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Npgsql;
using ReviewBot.Jobs;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace ReviewBot.Tests.App;

/// <summary>
/// <c>reviewbot serve</c> replicas at scale on one PostgreSQL, against the strict fake GitHub (which refuses what
/// exceeds an installation's limits): pull requests in several installations get new heads while signed deliveries
/// arrive from 8 senders, GitHub's redeliveries go to another replica than the first, and one replica is killed with
/// SIGKILL part-way and started again later. Checked: every pull request's latest head has exactly one review and a
/// successful check run, nothing is published twice, no delivery is lost, no installation sends more content-creating
/// requests in any minute than GitHub allows. Measured (printed as BENCH lines): acknowledgement p50/p99/max, drain
/// time, throughput.
/// <para>
/// <c>REVIEWBOT_SCALE</c> unset, it is the short run of <c>dotnet test</c>; <c>full</c>, the issue's run (3 replicas,
/// 500 deliveries for 50 pull requests) and the same work on one replica for the ratio, as
/// <c>tests/ReviewBot.Benchmarks/bench-replicas.sh</c> runs it.
/// </para>
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output) : IRunsOnPostgres
{
    private const int Senders = 8;

    private static readonly bool Full = Environment.GetEnvironmentVariable("REVIEWBOT_SCALE") == "full";

    [StoreFact]
    public async Task Replicas_UnderDeliveriesForManyPullRequests_OneKilledAndRestarted_EachLatestHeadReviewedOnce()
    {
        var shape = Full
            ? new Shape(Replicas: 3, Installations: 10, PullsPerInstallation: 5, HeadsPerPull: 4, RedeliveriesPerPull: 4)
            : new Shape(Replicas: 3, Installations: 2, PullsPerInstallation: 3, HeadsPerPull: 3, RedeliveriesPerPull: 3);

        var replicated = await RunAsync(shape, killOne: true);
        Report($"{shape.Replicas} replicas", replicated);
        if (!Full) return;

        var single = await RunAsync(shape with { Replicas = 1 }, killOne: false);
        Report("1 replica", single);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH throughput {shape.Replicas} replicas / 1 replica ({shape.Workers} workers each): {replicated.ReviewsPerMinute / single.ReviewsPerMinute:0.00}x"));

        // With room to grow: one worker per replica, so that one replica leaves cores idle.
        var narrow = shape with { Workers = 1 };
        var replicatedNarrow = await RunAsync(narrow, killOne: false, burstOnly: true);
        var singleNarrow = await RunAsync(narrow with { Replicas = 1 }, killOne: false, burstOnly: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            BENCH {narrow.Pulls} pull requests opened at once, 1 worker a replica: {shape.Replicas} replicas {replicatedNarrow.Burst.TotalSeconds:0.0} s ({replicatedNarrow.ReviewsPerMinute:0} a minute), 1 replica {singleNarrow.Burst.TotalSeconds:0.0} s ({singleNarrow.ReviewsPerMinute:0} a minute)
            BENCH throughput {shape.Replicas} replicas / 1 replica (1 worker each): {replicatedNarrow.ReviewsPerMinute / singleNarrow.ReviewsPerMinute:0.00}x
            """));
    }

    private async Task<Outcome> RunAsync(Shape shape, bool killOne, bool burstOnly = false)
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, onPostgres: true);
        var pulls = CreatePullRequests(harness, shape);
        var workers = ("ReviewBot__Workers", shape.Workers.ToString(CultureInfo.InvariantCulture));
        var replicas = (await Task.WhenAll(Enumerable.Range(0, shape.Replicas).Select(_ => ServeProcess.StartAsync(harness, workers)))).ToList();
        var alive = replicas.ToList(); // what the load balancer sends to; guards both lists
        try
        {
            var acks = new List<double>();
            var failedConnections = 0;
            var random = new Random(2412);
            var pushed = 0;
            Delivery Push(PullUnderLoad pull, int head) =>
                pull.Push(harness, head, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(++pushed), random.Next(shape.Replicas));

            async Task SendAsync(Delivery delivery)
            {
                while (true)
                {
                    Uri url;
                    lock (alive) url = alive[delivery.Replica % alive.Count].Url;
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await harness.DeliverToAsync(url, delivery.Event, delivery.Body, delivery.Id);
                        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                        lock (acks) acks.Add(watch.Elapsed.TotalMilliseconds);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        // Sent to the replica as it was killed: the load balancer's next pick takes it.
                        Interlocked.Increment(ref failedConnections);
                    }
                }
            }

            // 1. Every pull request opened at once: the replicas work through a standing queue (throughput).
            var opened = pulls.Select(pull => Push(pull, 0)).ToList();
            var started = Stopwatch.StartNew();
            await Parallel.ForEachAsync(opened, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (delivery, _) => await SendAsync(delivery));
            await WaitUntilReviewedAsync(harness, pulls);
            var burst = started.Elapsed;
            if (burstOnly) return Outcome.OfBurst(pulls.Count, burst);

            // 2. New heads pushed while deliveries and GitHub's redeliveries (each to another replica than the first)
            // arrive from 8 senders; at 40% of them a replica is killed in the middle of a job, at 75% started again.
            var plan = Channel.CreateUnbounded<Delivery>();
            var total = shape.Pulls * (shape.HeadsPerPull - 1 + shape.RedeliveriesPerPull + PullUnderLoad.HelpDeliveries);
            var sent = 0;
            Task? killed = null;
            Task? restarted = null;
            var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
            {
                await foreach (var delivery in plan.Reader.ReadAllAsync())
                {
                    await SendAsync(delivery);
                    var count = Interlocked.Increment(ref sent);
                    if (killOne && count == total * 2 / 5) Volatile.Write(ref killed, KillMidJobAsync(harness, alive));
                    if (killOne && count == total * 3 / 4) Volatile.Write(ref restarted, RestartAsync(harness, alive, replicas, workers));
                }
            })).ToList();

            for (var head = 1; head < shape.HeadsPerPull; head++)
            {
                foreach (var pull in pulls.OrderBy(_ => random.Next()))
                {
                    await plan.Writer.WriteAsync(Push(pull, head));
                    if (head == 1)
                    {
                        // Someone asks for help: GitHub sends the comment twice (two delivery ids), to two replicas.
                        foreach (var delivery in pull.AskForHelp(harness, random.Next(shape.Replicas))) await plan.Writer.WriteAsync(delivery);
                    }

                    var redeliveries = shape.RedeliveriesPerPull / (shape.HeadsPerPull - 1) + (head - 1 < shape.RedeliveriesPerPull % (shape.HeadsPerPull - 1) ? 1 : 0);
                    for (var r = 0; r < redeliveries; r++)
                    {
                        var again = pull.Deliveries[random.Next(pull.Deliveries.Count)];
                        await plan.Writer.WriteAsync(again with { Replica = again.Replica + 1 });
                    }
                }
            }

            plan.Writer.Complete();
            await Task.WhenAll(senders);
            var lastAck = started.Elapsed;
            if (Volatile.Read(ref killed) is { } kill) await kill;
            if (Volatile.Read(ref restarted) is { } restart) await restart;
            await WaitUntilReviewedAsync(harness, pulls);
            var drained = started.Elapsed;

            // An older head's run the killed replica had started is concluded by another once its lease has run out.
            List<FakeCheckRun> Open() => [.. pulls.SelectMany(p => harness.GitHub.CheckRuns(p.Pull.Repository).Where(r => p.Heads.Contains(r.HeadSha) && r.Status != "completed"))];
            try
            {
                await FakeGitHubServer.WaitUntilAsync(() => Open().Count == 0, TimeSpan.FromSeconds(30), "every check run concluded");
            }
            catch (TimeoutException e)
            {
                List<ServeProcess> all;
                lock (alive) all = [.. replicas];
                throw new TimeoutException(e.Message + "\n" + DescribeOpenRuns(harness, Open(), all), e);
            }

            return Check(harness, shape, pulls, acks, failedConnections, burst, lastAck, drained);
        }
        finally
        {
            List<ServeProcess> all;
            lock (alive) all = [.. replicas];
            foreach (var replica in all) await replica.DisposeAsync();
        }
    }

    /// <summary>What the store and the replicas' logs say about check runs left open, for the failure message.</summary>
    private static string DescribeOpenRuns(AppHarness harness, List<FakeCheckRun> open, List<ServeProcess> replicas)
    {
        var text = new System.Text.StringBuilder();
        using var connection = new NpgsqlConnection(harness.DatabaseConnectionString);
        connection.Open();
        foreach (var run in open)
        {
            text.Append(CultureInfo.InvariantCulture, $"run {run.Id} on {run.Repository.FullName}@{run.HeadSha[..8]} is {run.Status}; its jobs:\n");
            using var jobs = new NpgsqlCommand("SELECT id, pull_number, state, attempts, lease_owner, lease_until, updated_at FROM jobs WHERE check_run_id = @run OR head_sha = @sha", connection);
            jobs.Parameters.AddWithValue("run", run.Id);
            jobs.Parameters.AddWithValue("sha", run.HeadSha);
            var ids = new List<long>();
            using (var reader = jobs.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                    text.Append(CultureInfo.InvariantCulture, $"  job {reader.GetInt64(0)} #{reader.GetInt32(1)} {reader.GetString(2)} attempts {reader.GetInt32(3)} lease {(reader.IsDBNull(4) ? "-" : reader.GetString(4))} until {(reader.IsDBNull(5) ? "-" : reader.GetInt64(5))} updated {reader.GetInt64(6)}\n");
                }
            }

            foreach (var (replica, index) in replicas.Select((r, i) => (r, i)))
            {
                foreach (var line in replica.Output.Split('\n').Where(l => ids.Any(id => l.Contains($"Job {id}:", StringComparison.Ordinal) || l.Contains($"Job {id} ", StringComparison.Ordinal))))
                {
                    text.Append(CultureInfo.InvariantCulture, $"  replica {index} (pid {replica.ProcessId}): {line}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Kills the last replica the load balancer sends to once it holds a running job (or after 10 s anyway).</summary>
    private static async Task KillMidJobAsync(AppHarness harness, List<ServeProcess> alive)
    {
        ServeProcess victim;
        lock (alive) victim = alive[^1];
        await using var connection = new NpgsqlConnection(harness.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var running = new NpgsqlCommand("SELECT count(*) FROM jobs WHERE state = 'running' AND lease_owner LIKE @owner", connection);
        running.Parameters.AddWithValue("owner", $"%/{victim.ProcessId}/%");
        var patience = Stopwatch.StartNew();
        while ((long)(await running.ExecuteScalarAsync())! == 0 && patience.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(5);
        lock (alive) alive.Remove(victim);
        victim.Kill();
    }

    private static async Task RestartAsync(AppHarness harness, List<ServeProcess> alive, List<ServeProcess> replicas, (string, string) workers)
    {
        var again = await ServeProcess.StartAsync(harness, workers);
        lock (alive)
        {
            alive.Add(again);
            replicas.Add(again);
        }
    }

    private static async Task WaitUntilReviewedAsync(AppHarness harness, List<PullUnderLoad> pulls)
    {
        foreach (var pull in pulls)
        {
            await harness.WaitUntilAsync(
                () => harness.GitHub.CheckRuns(pull.Pull.Repository, pull.Pull.HeadSha).Any(r => r.Status == "completed"),
                TimeSpan.FromMinutes(Full ? 10 : 3), $"{pull.Pull.Repository.FullName}#{pull.Pull.Number} reviewed");
        }
    }

    private static Outcome Check(
        AppHarness harness, Shape shape, List<PullUnderLoad> pulls, List<double> acks, int failedConnections, TimeSpan burst, TimeSpan lastAck, TimeSpan drained)
    {
        var total = shape.Pulls * (shape.HeadsPerPull + shape.RedeliveriesPerPull + PullUnderLoad.HelpDeliveries);
        Assert.Equal(total, acks.Count);
        var store = harness.Jobs;
        var reviews = 0;
        foreach (var pull in pulls)
        {
            var name = $"{pull.Pull.Repository.FullName}#{pull.Pull.Number}";
            var latest = pull.Pull.HeadSha;
            var allReviews = harness.GitHub.Reviews(pull.Pull);
            reviews += allReviews.Count;
            Assert.True(allReviews.Count(r => r.CommitId == latest) == 1, $"{name}: {allReviews.Count(r => r.CommitId == latest)} reviews on the latest head");
            Assert.True(allReviews.GroupBy(r => r.CommitId).All(g => g.Count() == 1), $"{name}: a head reviewed twice");
            var ours = harness.GitHub.IssueComments(pull.Pull).Where(c => c.Author == FakeGitHubServer.BotLogin).ToList();
            var replies = ours.Count(c => c.Body.Contains("/reviewbot rerun", StringComparison.Ordinal));
            Assert.True((ours.Count - replies, replies) == (1, 1), $"{name}: {ours.Count - replies} summaries, {replies} replies to the help command");
            Assert.Equal([JobState.Completed], store.CommandStatesOf(pull.Pull.Repository.Id, pull.Pull.Number));
            var runs = harness.GitHub.CheckRuns(pull.Pull.Repository).Where(r => pull.Heads.Contains(r.HeadSha)).ToList();
            var latestRun = Assert.Single(runs, r => r.HeadSha == latest);
            Assert.Equal(("completed", "success"), (latestRun.Status, latestRun.Conclusion));
            Assert.All(runs, r => Assert.Equal("completed", r.Status));
            Assert.Single(store.JobsOf(pull.Pull.Repository.Id, pull.Pull.Number), j => j.Request.HeadSha == latest && j.State == JobState.Completed);
        }

        using var connection = new NpgsqlConnection(harness.DatabaseConnectionString);
        connection.Open();
        using var count = new NpgsqlCommand("SELECT count(*) FROM deliveries", connection);
        var unique = pulls.Sum(p => p.Deliveries.Count);
        Assert.Equal((long)unique, count.ExecuteScalar());
        using var takenOver = new NpgsqlCommand("SELECT count(*) FROM jobs WHERE attempts > 1", connection);

        var mostPerMinute = pulls.Select(p => p.Pull.Repository.InstallationId).Distinct().Max(harness.GitHub.MostContentRequestsInAnyMinute);
        Assert.True(mostPerMinute <= harness.GitHub.ContentRequestsPerMinute, $"{mostPerMinute} content-creating requests in a minute");
        Assert.DoesNotContain(harness.GitHub.Requests, r => r.Error?.Contains("rate limit", StringComparison.Ordinal) == true);

        var sorted = acks.Order().ToList();
        return new Outcome(
            total, unique, pulls.Count, reviews, failedConnections, (long)takenOver.ExecuteScalar()!, mostPerMinute,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1], burst, lastAck, drained);
    }

    private static List<PullUnderLoad> CreatePullRequests(AppHarness harness, Shape shape)
    {
        var pulls = new List<PullUnderLoad>();
        for (var installation = 1; installation <= shape.Installations; installation++)
        {
            FakeRepository repository;
            WorkRepository work;
            if (installation == 1)
            {
                (repository, work) = (harness.Repository, harness.Work);
            }
            else
            {
                harness.GitHub.AddInstallation(installation);
                work = new WorkRepository(Path.Combine(harness.Root, $"work-{installation}"));
                foreach (var (path, content) in EndToEndTests.BaseFiles) work.Write(path, content);
                work.Commit("base");
                repository = harness.GitHub.AddRepository(installation, 900_000 + installation, $"org{installation}", $"repo{installation}", work);
            }

            for (var number = 2; number < 2 + shape.PullsPerInstallation; number++) pulls.Add(new PullUnderLoad(repository, work, number));
        }

        return pulls;
    }

    private void Report(string what, Outcome o)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            BENCH {what}: {o.Deliveries} deliveries ({o.Unique} unique, the rest redeliveries) for {o.Pulls} pull requests; {o.Reviews} reviews published
            BENCH {what}: ack p50 {o.AckP50:0.0} ms, p99 {o.AckP99:0.0} ms, max {o.AckMax:0.0} ms; {o.FailedConnections} sends hit the killed replica and went to another
            BENCH {what}: {o.Pulls} pull requests opened at once, all reviewed in {o.Burst.TotalSeconds:0.0} s: {o.ReviewsPerMinute:0} reviews a minute
            BENCH {what}: last delivery acknowledged at {o.LastAck.TotalSeconds:0.0} s, all latest heads reviewed at {o.Drained.TotalSeconds:0.0} s (drain {(o.Drained - o.LastAck).TotalSeconds:0.0} s)
            BENCH {what}: jobs taken over from a dead replica: {o.TakenOver}; most content-creating requests of one installation in any minute: {o.MostPerMinute}
            """));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Shape(int Replicas, int Installations, int PullsPerInstallation, int HeadsPerPull, int RedeliveriesPerPull, int Workers = 2)
    {
        public int Pulls => Installations * PullsPerInstallation;
    }

    private sealed record Outcome(
        int Deliveries, int Unique, int Pulls, int Reviews, int FailedConnections, long TakenOver, int MostPerMinute,
        double AckP50, double AckP99, double AckMax, TimeSpan Burst, TimeSpan LastAck, TimeSpan Drained)
    {
        /// <summary>Reviews a minute while every pull request's first review stood queued at once.</summary>
        public double ReviewsPerMinute => Pulls / Burst.TotalMinutes;

        /// <summary>A run that stopped after opening <paramref name="pulls"/> pull requests at once: only its throughput counts.</summary>
        public static Outcome OfBurst(int pulls, TimeSpan burst) => new(pulls, pulls, pulls, pulls, 0, 0, 0, 0, 0, 0, burst, burst, burst);
    }

    private sealed record Delivery(string Id, string Body, int Replica, string Event = "pull_request");

    /// <summary>A pull request of the run, on its own branch, pushed to a new head round after round.</summary>
    private sealed class PullUnderLoad(FakeRepository repository, WorkRepository work, int number)
    {
        public FakePullRequest Pull { get; private set; } = null!;

        public List<string> Heads { get; } = [];

        /// <summary>The deliveries of one help command: the comment's, and GitHub's second one with another id.</summary>
        public const int HelpDeliveries = 2;

        /// <summary>Every distinct delivery of this pull request (what a redelivery repeats).</summary>
        public List<Delivery> Deliveries { get; } = [];

        public IReadOnlyList<Delivery> AskForHelp(AppHarness harness, int replica)
        {
            var comment = harness.GitHub.AddUserComment(Pull, "octocat", "/reviewbot help", "MEMBER");
            var body = harness.CommentPayload(Pull, comment);
            Delivery[] both = [new(Guid.NewGuid().ToString(), body, replica, "issue_comment"), new(Guid.NewGuid().ToString(), body, replica + 1, "issue_comment")];
            Deliveries.AddRange(both);
            return both;
        }

        public Delivery Push(AppHarness harness, int round, DateTimeOffset updatedAt, int replica)
        {
            if (round == 0)
            {
                work.Checkout("main");
                work.Checkout($"pull-{number}", create: true);
            }
            else
            {
                work.Checkout($"pull-{number}");
            }

            work.Write($"src/Change{number}.cs", $"namespace Demo;\n\npublic class Change{number}\n{{\n    public int get_round_{round}() => {round};\n}}\n");
            work.Commit($"round {round}");
            Pull = harness.GitHub.SetPullRequest(repository, number, "main", work);
            Heads.Add(Pull.HeadSha);

            var node = JsonNode.Parse(harness.Payload(round == 0 ? "pull_request/opened.2.json" : "pull_request/synchronize.1.json", Pull))!.AsObject();
            node["installation"]!["id"] = repository.InstallationId;
            node["pull_request"]!["updated_at"] = updatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var delivery = new Delivery(Guid.NewGuid().ToString(), node.ToJsonString(), replica);
            Deliveries.Add(delivery);
            return delivery;
        }
    }
}
