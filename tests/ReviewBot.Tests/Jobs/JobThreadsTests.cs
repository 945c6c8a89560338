using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Jobs;

namespace ReviewBot.Tests.Jobs;

public sealed class JobThreadsTests
{
    [Fact]
    public async Task Work_RunsOnTheNamedThreads_AtALowerPriority_AndWhatItStartsStaysThere()
    {
        using var threads = new JobThreads(2, "job-test");
        var seen = await threads.RunAsync(() =>
        {
            var names = new System.Collections.Concurrent.ConcurrentBag<(string? Name, int Nice)>();
            // What analysis does: files in parallel, a task on the current scheduler, a large-stack thread.
            var files = Enumerable.Range(0, 16).Select(i => new SourceFile($"f{i}.py", "x = 1\n")).ToList();
            ParallelFileAnalysis.Run(files, _ =>
            {
                names.Add((Thread.CurrentThread.Name, NiceOfCurrentThread()));
                Thread.Sleep(1);
                return new AnalyzerOutput([], []);
            }, CancellationToken.None);
            Task.Factory.StartNew(() => names.Add((Thread.CurrentThread.Name, NiceOfCurrentThread())), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Wait();
            LargeStack.Run(() =>
            {
                names.Add((Thread.CurrentThread.Name, NiceOfCurrentThread()));
                return 0;
            });
            return names.ToList();
        }, CancellationToken.None);

        Assert.True(threads.Lowered);
        Assert.All(seen, s => Assert.Contains(s.Name, new[] { "job-test", "reviewbot-analysis" }));
        if (OperatingSystem.IsLinux()) Assert.All(seen, s => Assert.Equal(JobThreads.Niceness, s.Nice));
        Assert.Equal(0, NiceOfCurrentThread());
    }

    [Fact]
    public async Task OneThread_WaitingForWorkItQueued_RunsItItself()
    {
        using var threads = new JobThreads(1, "job-test");
        var sum = await threads.RunAsync(() =>
        {
            var parts = Enumerable.Range(1, 4)
                .Select(i => Task.Factory.StartNew(() => i, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current))
                .ToArray();
            Task.WaitAll(parts);
            var total = 0;
            Parallel.For(0, 10, i => Interlocked.Add(ref total, i));
            return parts.Sum(p => p.Result) + total;
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10 + 45, sum);
    }

    [Fact]
    public async Task AfterAReviewInTheApp_OnlyItsJobAndAnalysisThreadsRunAtTheLowerPriority()
    {
        if (!OperatingSystem.IsLinux()) return; // nice values are Linux's; elsewhere the OS priority is .NET's own
        await using var harness = await App.AppHarness.CreateAsync(App.EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(App.EndToEndTests.FirstChange);
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);

        // Linux gives a new thread its creator's nice value: a thread-pool thread created while a job thread asked for
        // one would serve webhooks at the analysis' priority. (The GC's background thread, which the runtime starts again
        // after it idled, may inherit it; it is the GC's, not the request path's.)
        var threads = Directory.GetDirectories("/proc/self/task")
            .Select(task => (Name: ReadOrEmpty(Path.Combine(task, "comm")).Trim(), Stat: ReadOrEmpty(Path.Combine(task, "stat"))))
            .Where(t => t.Stat.Length > 0)
            .Select(t => (t.Name, Nice: NiceOf(t.Stat)))
            .ToList();
        Assert.Contains(threads, t => t.Name == "reviewbot-job" && t.Nice == JobThreads.Niceness);
        Assert.Contains(threads, t => t.Name == "reviewbot-job-d");
        var pool = threads.Where(t => t.Name.StartsWith(".NET TP Worker", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pool);
        Assert.True(pool.All(t => t.Nice == 0), "thread-pool threads at the lower priority: " + pool.Count(t => t.Nice != 0));
        Assert.All(threads.Where(t => t.Name == "reviewbot-job-d"), t => Assert.Equal(0, t.Nice)); // comm keeps 15 characters
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ""; // the thread ended meanwhile
        }
    }

    /// <summary>The calling thread's nice value (field 19 of <c>/proc/thread-self/stat</c>); 0 off Linux.</summary>
    internal static int NiceOfCurrentThread() => OperatingSystem.IsLinux() ? NiceOf(File.ReadAllText("/proc/thread-self/stat")) : 0;

    /// <summary>The nice value in a <c>/proc/.../stat</c> line: the 17th field after the command name's closing parenthesis.</summary>
    internal static int NiceOf(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
}
