namespace ReviewBot.Jobs;

/// <summary>How the workers go through jobs: settings of the <c>ReviewBot</c> section.</summary>
internal sealed record JobOptions
{
    /// <summary><c>ReviewBot__Workers</c>: pull requests reviewed in parallel (default: the number of cores).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary><c>ReviewBot__MaxAttempts</c>: tries of one job before it is marked failed.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary><c>ReviewBot__RetryDelay</c>: the wait before the first retry of a failed job; doubled on each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>ReviewBot__JobTimeout</c>: the longest one attempt of a job may take.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>ReviewBot__LeaseDuration</c>: on PostgreSQL, how long a replica holds a claimed job without renewing it (it
    /// renews every third of it). A replica that dies has its jobs taken over by another this long after its last renewal.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>ReviewBot__AnalysisProcess</c>: run the diff and analysis of every review in a child process at a lower
    /// priority (<see cref="Jobs.AnalysisProcess"/>), so that its garbage collections never pause a webhook's answer, and
    /// a crash in the analysis never takes the App down (default true; false: on the App's own job threads).
    /// </summary>
    public bool AnalysisProcess { get; init; } = true;

    /// <summary><c>ReviewBot__ReviewDrafts</c>: review draft pull requests too (default false).</summary>
    public bool ReviewDrafts { get; init; }

    /// <summary>When attempt <paramref name="attempts"/> failed at <paramref name="now"/>, when to try again: null after the last.</summary>
    public DateTimeOffset? RetryAt(int attempts, DateTimeOffset now) =>
        attempts < MaxAttempts ? now + Backoff.Exponential(RetryDelay, attempts) : null;
}
