using ReviewBot.Jobs;

namespace ReviewBot.Tests.Jobs;

public sealed class BackoffTests
{
    [Fact]
    public void Next_DoublesUpToTheCap_Reset_StartsOver()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

        var waits = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        backoff.Reset();

        Assert.Equal([250, 500, 1000, 2000, 4000, 5000, 5000], waits);
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Next());
    }

    [Fact]
    public void Exponential_IsTheFirstWait_DoubledForEachAttemptSince()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)],
            new[] { 1, 2, 3 }.Select(attempt => Backoff.Exponential(TimeSpan.FromSeconds(30), attempt)));
    }
}
