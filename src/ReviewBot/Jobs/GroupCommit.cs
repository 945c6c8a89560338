namespace ReviewBot.Jobs;

/// <summary>
/// Group commit of deliveries: writes that arrive while a commit is under way are written together in the next
/// transaction, one commit (one flush to disk) for all of them, instead of queueing one transaction each behind the
/// store's single writer. Nothing waits on purpose: a write that finds no commit under way starts one at once, so a
/// lone delivery costs what it did, and a burst costs one commit per batch.
/// </summary>
/// <remarks>
/// A write's task completes only after the transaction that holds it committed: the webhook is answered after that
/// (the intake awaits the record before it sets the status), so no delivery is ever acknowledged before it is durable.
/// When a batch's transaction fails, each of its writes is tried again in a transaction of its own, so that one bad
/// write (or a conflict with another replica) fails only its own delivery.
/// </remarks>
/// <typeparam name="TScope">What a write works in: the store's connection and transaction.</typeparam>
internal sealed class GroupCommit<TScope>
{
    /// <summary>The most writes in one transaction: bounds how long the first of a batch waits for the last.</summary>
    public const int MaxBatch = 128;

    private readonly Func<Func<TScope, Task>, Task> _inTransaction;
    private readonly Lock _gate = new();
    private readonly List<IPending> _queue = [];
    private bool _writing;

    /// <param name="inTransaction">Runs its argument in a new transaction and commits it; throws when it cannot.</param>
    public GroupCommit(Func<Func<TScope, Task>, Task> inTransaction) => _inTransaction = inTransaction;

    /// <summary>The number of transactions committed so far (the difference between batches and writes, for tests).</summary>
    public int Commits => Volatile.Read(ref _commits);

    private int _commits;

    /// <summary>Writes with <paramref name="write"/> in the next transaction; completes once that transaction committed.</summary>
    public Task<T> WriteAsync<T>(Func<TScope, Task<T>> write)
    {
        var pending = new Pending<T>(write);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        // Off the caller's stack: the writer goes on with later batches while this caller's request is answered.
        if (start) _ = Task.Run(WriteBatchesAsync);
        return pending.Result;
    }

    private async Task WriteBatchesAsync()
    {
        while (true)
        {
            List<IPending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                var take = Math.Min(MaxBatch, _queue.Count);
                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<IPending> batch)
    {
        try
        {
            await _inTransaction(async scope =>
            {
                foreach (var pending in batch) await pending.RunAsync(scope).ConfigureAwait(false);
            }).ConfigureAwait(false);
            Interlocked.Increment(ref _commits);
            foreach (var pending in batch) pending.Complete();
            return;
        }
#pragma warning disable CA1031 // Handed to the caller of the write; in a batch of several, each is tried again alone below.
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Fail(e);
            return;
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031

        foreach (var pending in batch)
        {
            try
            {
                await _inTransaction(pending.RunAsync).ConfigureAwait(false);
                Interlocked.Increment(ref _commits);
                pending.Complete();
            }
#pragma warning disable CA1031 // Handed to the caller of the write.
            catch (Exception e)
#pragma warning restore CA1031
            {
                pending.Fail(e);
            }
        }
    }

    private interface IPending
    {
        Task RunAsync(TScope scope);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<TScope, Task<T>> write) : IPending
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public Task<T> Result => _result.Task;

        public async Task RunAsync(TScope scope) => _value = await write(scope).ConfigureAwait(false);

        public void Complete() => _result.TrySetResult(_value);

        public void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
