using System.Runtime.ExceptionServices;

namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Runs work on a thread with a large stack. Parsers and binders recurse once per level of nesting, and a stack
/// overflow cannot be caught: it ends the process. Thread-pool threads have small stacks (1.5 MB on Linux), so a file
/// nested a few thousand deep would take the whole review, or the whole server, down. The stack is reserved address
/// space; only the pages a deep file really touches are committed.
/// </summary>
public static class LargeStack
{
    /// <summary>Enough for the deepest file the size limits let through on the paths no recursion guard covers.</summary>
    public const int StackBytes = 256 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Rethrown on the calling thread below.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "reviewbot-analysis",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
