using Microsoft.Data.Sqlite;

namespace ReviewBot.Jobs.Sqlite;

/// <summary>
/// Copies the job database's write-ahead log into the database file on a thread of its own, so that no write pays for
/// it: the store's connections never checkpoint (<c>wal_autocheckpoint = 0</c>), and this thread runs a PASSIVE
/// checkpoint (beside readers and the writer, as WAL allows) once per interval in which something was written.
/// </summary>
/// <remarks>
/// Left to SQLite, the commit that grows the log past 1,000 pages checkpoints it before returning: a delivery's group
/// commit then copied up to 4 MB and flushed the database file while every delivery in flight waited for it (a burst of
/// 200 deliveries crosses that threshold about once). <c>tests/ReviewBot.Benchmarks/bench-ack.sh</c>'s p99 varies
/// between runs of one commit by more than this stall, so the test asserts the mechanism instead: no write checkpoints. A checkpoint
/// that fails (the disk, a reader holding the log) is tried again at the next interval; the log waits in the meantime,
/// and is reset by the next write after a checkpoint that copied all of it.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>How often the log is copied when something was written: about 1,000 deliveries' pages at most between.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly Func<SqliteConnection> _open;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _thread;
    private int _written = 1;
    private int _disposed;

    /// <param name="open">Opens a connection to the database.</param>
    /// <param name="interval">The time between checkpoints; <see cref="Timeout.InfiniteTimeSpan"/>: never.</param>
    public SqliteCheckpointer(Func<SqliteConnection> open, TimeSpan interval)
    {
        _open = open;
        _interval = interval;
        _thread = new Thread(Loop) { IsBackground = true, Name = "reviewbot-sqlite-checkpoint", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>The PRAGMA every connection of the store runs: its commits leave the log to this thread.</summary>
    public const string WritersDoNotCheckpoint = "PRAGMA wal_autocheckpoint = 0;";

    /// <summary>Says that a transaction was committed: the next interval copies the log.</summary>
    public void Written() => Volatile.Write(ref _written, 1);

    private void Loop()
    {
        while (!_stopping.Wait(_interval))
        {
            if (Interlocked.Exchange(ref _written, 0) == 0) continue;
            try
            {
                using var connection = _open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                using var reader = command.ExecuteReader();
                // (busy, frames in the log, frames copied): what is left is copied next time.
                if (reader.Read() && reader.GetInt64(2) < reader.GetInt64(1)) Written();
            }
            catch (SqliteException)
            {
                Written();
            }
        }
    }

    public void Dispose()
    {
        // The store is disposed once for each service it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Set();
        _thread.Join();
    }
}
