namespace ReviewBot.Jobs;

/// <summary>
/// Waits that double between tries of something that is down (the job store, the database's notice channel), from
/// <c>first</c> up to <c>cap</c>; <see cref="Reset"/> once it answers again. Retried jobs wait the same way, counted by
/// attempt (<see cref="Exponential"/>), and the job stores' SQL computes the same formula for recovered jobs.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _cap;
    private TimeSpan _current;

    public Backoff(TimeSpan first, TimeSpan cap)
    {
        _first = first;
        _cap = cap;
        _current = first;
    }

    /// <summary>The wait before the next try; the one after it is twice as long, up to the cap.</summary>
    public TimeSpan Next()
    {
        var wait = _current;
        _current = TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, _cap.Ticks));
        return wait;
    }

    /// <summary>The thing answered: the next failure waits <c>first</c> again.</summary>
    public void Reset() => _current = _first;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): <paramref name="first"/>, doubled for each attempt since.</summary>
    public static TimeSpan Exponential(TimeSpan first, int attempt) => first * Math.Pow(2, attempt - 1);
}
