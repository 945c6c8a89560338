using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Tests.Review;

public sealed class ReviewTimingsTests
{
    /// <summary>A clock that moves only when told, shared by every thread: the figures are exact.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(int milliseconds) => Interlocked.Add(ref _ticks, TimeSpan.FromMilliseconds(milliseconds).Ticks);
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static TimeSpan BusyOf(ReviewTimings timings, string name) => timings.WorkDone.Single(w => w.Name == name).Busy;

    [Fact]
    public void Analyzers_TimedApartFromTheStages_EachLanguageAccumulating()
    {
        var clock = new ManualClock();
        var timings = new ReviewTimings(clock);
        using (timings.Stage("analysis"))
        {
            var python = timings.Analyzer("python");
            using (timings.Analyzer("csharp")) clock.Advance(300);
            clock.Advance(100);
            python.Dispose();
            using (timings.Analyzer("python")) clock.Advance(5);
        }

        Assert.Equal([("analysis", Ms(405))], timings.Stages);
        Assert.Equal([("csharp", Ms(300)), ("python", Ms(405))], timings.Analyzers.OrderBy(a => a.Language, StringComparer.Ordinal));
    }

    [Fact]
    public void NestedWork_CountsAsItself_NotAlsoAsTheWorkAroundIt()
    {
        var clock = new ManualClock();
        var timings = new ReviewTimings(clock);
        using (timings.Work("rule"))
        {
            clock.Advance(20);
            using (timings.Work("semantic model")) clock.Advance(200);
            clock.Advance(30);
        }

        Assert.Equal(Ms(50), BusyOf(timings, "rule"));
        Assert.Equal(Ms(200), BusyOf(timings, "semantic model"));
    }

    [Fact]
    public void WorkOnOtherThreads_DoesNotPauseThisThreadsWork_AndStagesAccumulateInOrder()
    {
        var clock = new ManualClock();
        var timings = new ReviewTimings(clock);
        using (timings.Stage("analysis"))
        {
            using var parsing = timings.Work("parse");
            // Another thread's work runs while this thread's is open: both count the time, as two busy threads would.
            var other = new Thread(() =>
            {
                using var rule = timings.Work("rule");
                clock.Advance(100);
            });
            other.Start();
            other.Join();
            clock.Advance(10);
        }

        using (timings.Stage("report")) clock.Advance(5);
        using (timings.Stage("analysis")) clock.Advance(7);

        Assert.Equal(Ms(110), BusyOf(timings, "parse"));
        Assert.Equal(Ms(100), BusyOf(timings, "rule"));
        Assert.Equal([("analysis", Ms(117)), ("report", Ms(5))], timings.Stages);
    }

    [Fact]
    public void WorkBeyondTheKindsItTellsApart_IsCountedUnderOneName()
    {
        var clock = new ManualClock();
        var timings = new ReviewTimings(clock);
        var keys = Enumerable.Range(0, ReviewTimings.MaxWorkKinds + 10).Select(i => timings.WorkKey($"work {i}")).ToList();

        Assert.Equal(ReviewTimings.MaxWorkKinds - 1, keys[^1]);
        Assert.Equal(Enumerable.Range(0, ReviewTimings.MaxWorkKinds - 1), keys.Take(ReviewTimings.MaxWorkKinds - 1));
        using (timings.Work(keys[^1])) clock.Advance(1);
        Assert.Equal(("other work", Ms(1)), timings.WorkDone.Single());
    }
}
