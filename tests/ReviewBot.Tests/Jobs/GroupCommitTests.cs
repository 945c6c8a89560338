using ReviewBot.Jobs;

namespace ReviewBot.Tests.Jobs;

public sealed class GroupCommitTests
{
    /// <summary>A store's transaction in miniature: writes go to a pending list, and reach <see cref="Committed"/> only on commit.</summary>
    private sealed class FakeStore
    {
        private readonly Lock _gate = new();

        public List<string> Committed { get; } = [];

        /// <summary>While not set, a commit waits: a slow flush to disk.</summary>
        public TaskCompletionSource Flush { get; set; } = CompletedFlush();

        public int Transactions { get; private set; }

        public int Started => Volatile.Read(ref _started);

        private int _started;

        public async Task InTransactionAsync(Func<List<string>, Task> work)
        {
            Interlocked.Increment(ref _started);
            var pending = new List<string>();
            await work(pending); // a write that throws aborts the transaction: nothing of it is committed
            await Flush.Task;
            lock (_gate)
            {
                Committed.AddRange(pending);
                Transactions++;
            }
        }

        public static TaskCompletionSource CompletedFlush()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }

    private static Func<List<string>, Task<string>> Write(string value) => pending =>
    {
        pending.Add(value);
        return Task.FromResult(value);
    };

    [Fact]
    public async Task WritesArrivingDuringACommit_AreCommittedTogetherInTheNext_AndNoneCompletesBeforeItsCommit()
    {
        var store = new FakeStore { Flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var group = new GroupCommit<List<string>>(store.InTransactionAsync);

        var first = group.WriteAsync(Write("first"));
        await FakeGitHub.FakeGitHubServer.WaitUntilAsync(() => store.Started == 1, TimeSpan.FromSeconds(5), "the first commit under way");
        var burst = Enumerable.Range(0, 20).Select(i => group.WriteAsync(Write("w" + i))).ToList();
        await Task.Delay(50);
        Assert.False(first.IsCompleted);
        Assert.All(burst, w => Assert.False(w.IsCompleted));
        Assert.Empty(store.Committed);

        store.Flush.SetResult();
        Assert.Equal("first", await first);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "w" + i), await Task.WhenAll(burst));
        Assert.Equal(2, store.Transactions);
        Assert.Equal(2, group.Commits);
        Assert.Equal(21, store.Committed.Count);
    }

    [Fact]
    public async Task AWriteThatFails_FailsAlone_TheOthersOfItsBatchAreCommittedOnce()
    {
        var store = new FakeStore { Flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var group = new GroupCommit<List<string>>(store.InTransactionAsync);
        var blocker = group.WriteAsync(Write("blocker"));
        await FakeGitHub.FakeGitHubServer.WaitUntilAsync(() => store.Started == 1, TimeSpan.FromSeconds(5), "the first commit under way");

        var good = new[] { group.WriteAsync(Write("a")), group.WriteAsync(Write("b")) };
        var bad = group.WriteAsync<string>(_ => throw new InvalidOperationException("refused"));
        var last = group.WriteAsync(Write("c"));
        store.Flush.SetResult();

        Assert.Equal(["a", "b"], await Task.WhenAll(good));
        Assert.Equal("c", await last);
        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);
        Assert.Equal(["a", "b", "blocker", "c"], store.Committed.Order());
    }

    [Fact]
    public async Task ALoneWrite_IsCommittedAtOnce_AndATransactionThatCannotCommit_FailsItsWrite()
    {
        var store = new FakeStore();
        var group = new GroupCommit<List<string>>(store.InTransactionAsync);
        Assert.Equal("one", await group.WriteAsync(Write("one")).WaitAsync(TimeSpan.FromSeconds(5)));

        var broken = new GroupCommit<List<string>>(_ => throw new JobStoreException(JobStoreFailure.Gone, "down", null));
        await Assert.ThrowsAsync<JobStoreException>(() => broken.WriteAsync(Write("lost")));
        // The writer is not stuck after a failure: the next write is tried too.
        await Assert.ThrowsAsync<JobStoreException>(() => broken.WriteAsync(Write("again")).WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
