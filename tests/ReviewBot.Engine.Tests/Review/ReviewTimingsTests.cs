using System.Diagnostics;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Tests.Review;

public sealed class ReviewTimingsTests
{
    private static TimeSpan BusyOf(ReviewTimings timings, string name) => timings.WorkDone.Single(w => w.Name == name).Busy;

    [Fact]
    public void NestedWork_CountsAsItself_NotAlsoAsTheWorkAroundIt()
    {
        var timings = new ReviewTimings();
        var wall = Stopwatch.StartNew();
        using (timings.Work("rule"))
        {
            Thread.Sleep(20);
            using (timings.Work("semantic model")) Thread.Sleep(200);
            Thread.Sleep(20);
        }

        wall.Stop();
        var rule = BusyOf(timings, "rule");
        var model = BusyOf(timings, "semantic model");
        Assert.InRange(model, TimeSpan.FromMilliseconds(200), wall.Elapsed);
        Assert.InRange(rule, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(150));
        Assert.True(rule + model <= wall.Elapsed, $"{rule} + {model} is more than the {wall.Elapsed} it all took");
    }

    [Fact]
    public void WorkOnSeveralThreads_AddsUpTheirTime_AndStagesAddUpInOrder()
    {
        var timings = new ReviewTimings();
        using (timings.Stage("analysis"))
        {
            // Threads of their own: the pool may be busy with other tests.
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                using var work = timings.Work("parse");
                Thread.Sleep(100);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        using (timings.Stage("report")) Thread.Sleep(10);
        using (timings.Stage("analysis")) Thread.Sleep(10);

        Assert.True(BusyOf(timings, "parse") >= TimeSpan.FromMilliseconds(400));
        Assert.Equal(["analysis", "report"], timings.Stages.Select(s => s.Name));
        Assert.True(timings.Stages[0].Elapsed >= TimeSpan.FromMilliseconds(110), $"{timings.Stages[0].Elapsed}");
        Assert.True(timings.Stages[0].Elapsed < BusyOf(timings, "parse"));
    }

    [Fact]
    public void WorkBeyondTheKindsItTellsApart_IsCountedUnderOneName()
    {
        var timings = new ReviewTimings();
        var keys = Enumerable.Range(0, ReviewTimings.MaxWorkKinds + 10).Select(i => timings.WorkKey($"work {i}")).ToList();

        Assert.Equal(ReviewTimings.MaxWorkKinds - 1, keys[^1]);
        Assert.Equal(keys.Count(k => k < ReviewTimings.MaxWorkKinds - 1), keys.Distinct().Count() - 1);
        using (timings.Work(keys[^1])) Thread.Sleep(1);
        Assert.Equal("other work", timings.WorkDone.Single().Name);
    }
}
