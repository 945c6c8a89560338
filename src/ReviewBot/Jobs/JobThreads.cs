using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ReviewBot.Jobs;

/// <summary>
/// The threads the jobs' blocking and CPU-bound work runs on (fetching, diffing, analysing), kept apart from the thread
/// pool, which serves webhooks: a review never holds a pool thread, so a delivery never waits for the pool to grow.
/// They run at a lower OS priority (nice <see cref="Niceness"/> on Linux, below normal elsewhere): when a delivery
/// arrives while every core analyses, the kernel runs the request's thread first, and analysis takes what is left.
/// A lower priority rather than fewer threads than cores: an App with no delivery to answer still reviews on every core.
/// </summary>
/// <remarks>
/// Work started from these threads stays on them: <c>Parallel</c> loops and tasks started on
/// <see cref="TaskScheduler.Current"/> are queued here, and threads they create (the large-stack parsing threads)
/// inherit the priority, since Linux gives a new thread its creator's nice value. A thread waiting for a task queued
/// here runs it itself if no thread has taken it yet, so nested waits cannot starve the pool of its own threads.
/// <para>
/// Nothing these threads finish may start a thread the rest of the process uses, or that thread would inherit the lower
/// priority: the thread pool starts its threads from the thread that queues work when it needs more, and the GC its
/// background threads from the thread that first needs them. So a finished piece of work is handed to a completing
/// thread of normal priority, which resumes the awaiting code; and a background collection is run once on start-up.
/// </para>
/// </remarks>
internal sealed class JobThreads : TaskScheduler, IDisposable
{
    /// <summary>The Linux nice value of the threads: CFS gives a runnable nice-10 thread about a tenth of a nice-0 one's share.</summary>
    public const int Niceness = 10;

    [ThreadStatic]
    private static JobThreads? t_owner;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly BlockingCollection<Action> _finished = [];
    private readonly int _count;

    /// <summary>Starts <paramref name="count"/> threads named <paramref name="name"/>.</summary>
    public JobThreads(int count, string name = "reviewbot-job")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _count = count;
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        new Thread(Complete) { IsBackground = true, Name = name + "-done" }.Start();
        for (var i = 0; i < count; i++)
        {
            new Thread(Loop) { IsBackground = true, Name = name, Priority = ThreadPriority.BelowNormal }.Start();
        }
    }

    /// <summary>Whether the threads run at a lower priority than the process's others (false where the OS refused).</summary>
    public bool Lowered { get; private set; } = true;

    public override int MaximumConcurrencyLevel => _count;

    /// <summary>Runs <paramref name="work"/> on one of the threads.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).ContinueWith(
            done => _finished.Add(() => result.TrySetFromTask(done)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return result.Task;
    }

    private void Complete()
    {
        foreach (var complete in _finished.GetConsumingEnumerable()) complete();
    }

    private void Loop()
    {
        t_owner = this;
        if (!LowerPriority()) Lowered = false;
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => t_owner == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    /// <summary>Lowers the calling thread's priority; false when the OS refused.</summary>
    private static bool LowerPriority()
    {
        // .NET leaves thread priorities alone on Linux; nice is per thread there (a thread is a task to the scheduler).
        if (!OperatingSystem.IsLinux()) return true;
        try
        {
            return SetPriority(ProcessWhich, GetThreadId(), Niceness) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // The threads end once the queue is empty; the work still queued was cancelled by the host's shutdown.
        _queue.CompleteAdding();
        _finished.CompleteAdding();
    }

    private const int ProcessWhich = 0; // PRIO_PROCESS: with a thread id, that one thread

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
