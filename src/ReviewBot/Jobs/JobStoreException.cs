namespace ReviewBot.Jobs;

/// <summary>Why a job store refused an operation, in terms any store can report.</summary>
internal enum JobStoreFailure
{
    /// <summary>What was to be written is already there (a uniqueness rule of the store).</summary>
    AlreadyThere,

    /// <summary>The store is gone for now: unreachable, locked past its timeout, out of space, or its file unreadable.</summary>
    Gone,
}

/// <summary>
/// The one exception a job store throws for its own failures, whatever the database: callers catch this, never a
/// driver's type. The message names no connection string or password.
/// </summary>
internal sealed class JobStoreException(JobStoreFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public JobStoreFailure Failure { get; } = failure;
}
