using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Review;

/// <summary>
/// Where a review's time goes, for <c>reviewbot review --timings</c>. Two kinds of figure:
/// <list type="bullet">
/// <item><b>Stages</b> (<see cref="Stage"/>) run one after another on the reviewing thread: configuration, git, the
/// analysis as a whole, filter, report. Their figures are wall time and add up.</item>
/// <item><b>Work</b> (<see cref="Work(string)"/>) inside the analysis, which runs on several threads at once: parsing, the
/// semantic model, project context, each rule family. Each is the time threads spent on it, exclusive of work nested
/// inside it (a semantic model built lazily while a rule runs counts as the model, not the rule), so the figures add
/// up to the threads' busy time, which exceeds the wall time when the work ran in parallel.</item>
/// </list>
/// Safe to use from many threads. A review without timings passes null; every hook is then a null check.
/// </summary>
public sealed class ReviewTimings(TimeProvider? clock = null)
{
    [ThreadStatic]
    private static WorkFrame? t_current;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly List<string> _stageNames = [];
    private readonly Dictionary<string, long> _stageTicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _analyzerTicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _workKeys = new(StringComparer.Ordinal);
    private readonly List<string> _workNames = [];
    // Fixed, so that threads add to it without a lock: reviews name a few dozen kinds of work.
    private readonly long[] _workTicks = new long[MaxWorkKinds];

    /// <summary>How many kinds of work one review can tell apart; further names are counted under the last.</summary>
    public const int MaxWorkKinds = 256;

    /// <summary>Starts timing the stage <paramref name="name"/>; its time is added when the scope is disposed (stages repeat and accumulate).</summary>
    public StageScope Stage(string name) => new(this, name, _clock.GetTimestamp());

    /// <summary>Adds <paramref name="elapsed"/> to the stage <paramref name="name"/> (measured by the caller, as before Main).</summary>
    public void AddStage(string name, TimeSpan elapsed) => AddStageTicks(name, (long)(elapsed.TotalSeconds * _clock.TimestampFrequency));

    /// <summary>
    /// Starts timing the analyzer of <paramref name="language"/> over its batch: wall time, apart from the stages, as the
    /// languages' analyzers run at the same time within <c>analysis</c>.
    /// </summary>
    public AnalyzerScope Analyzer(string language) => new(this, language, _clock.GetTimestamp());

    /// <summary>Each language's analyzer with the wall time of its batch.</summary>
    public IReadOnlyList<(string Language, TimeSpan Elapsed)> Analyzers
    {
        get
        {
            lock (_lock) return _analyzerTicks.Select(pair => (pair.Key, _clock.GetElapsedTime(0, pair.Value))).ToList();
        }
    }

    /// <summary>The key of the work <paramref name="name"/>; take it once, outside a hot loop.</summary>
    public int WorkKey(string name)
    {
        lock (_lock)
        {
            if (_workKeys.TryGetValue(name, out var key)) return key;
            if (_workNames.Count == MaxWorkKinds - 1) _workNames.Add("other work");
            if (_workNames.Count == MaxWorkKinds) return MaxWorkKinds - 1;
            key = _workNames.Count;
            _workNames.Add(name);
            _workKeys[name] = key;
            return key;
        }
    }

    /// <summary>The key of the work of <paramref name="rule"/>'s family: its language and category (<c>python: naming rules</c>).</summary>
    public int RuleFamilyKey(RuleDescriptor rule) => WorkKey($"{rule.Language}: {rule.Category.Id()} rules");

    /// <summary>Starts timing the work <paramref name="name"/> on this thread, pausing the work it is nested in.</summary>
    public WorkScope Work(string name) => Work(WorkKey(name));

    /// <summary>Starts timing the work of <paramref name="key"/> (<see cref="WorkKey"/>) on this thread, pausing the work it is nested in.</summary>
    public WorkScope Work(int key)
    {
        var now = _clock.GetTimestamp();
        var outer = t_current;
        outer?.Owner.AddWork(outer.Key, now - outer.Since);
        var frame = new WorkFrame(this, key, now, outer);
        t_current = frame;
        return new WorkScope(frame);
    }

    /// <summary>The stages in the order they first ran, with their wall time.</summary>
    public IReadOnlyList<(string Name, TimeSpan Elapsed)> Stages
    {
        get
        {
            lock (_lock) return _stageNames.Select(name => (name, _clock.GetElapsedTime(0, _stageTicks[name]))).ToList();
        }
    }

    /// <summary>The work in the order it was first named, with the time threads spent on it (none left out).</summary>
    public IReadOnlyList<(string Name, TimeSpan Busy)> WorkDone
    {
        get
        {
            lock (_lock)
            {
                return _workNames.Select((name, key) => (name, _clock.GetElapsedTime(0, Interlocked.Read(ref _workTicks[key]))))
                    .Where(work => work.Item2 > TimeSpan.Zero)
                    .ToList();
            }
        }
    }

    private void AddStageTicks(string name, long ticks)
    {
        lock (_lock)
        {
            if (!_stageTicks.TryGetValue(name, out var total)) _stageNames.Add(name);
            _stageTicks[name] = total + ticks;
        }
    }

    private void AddAnalyzerTicks(string language, long ticks)
    {
        lock (_lock) _analyzerTicks[language] = _analyzerTicks.GetValueOrDefault(language) + ticks;
    }

    private void AddWork(int key, long ticks) => Interlocked.Add(ref _workTicks[key], ticks);

    /// <summary>A language's analyzer being timed; dispose it when the analyzer returns.</summary>
    public readonly struct AnalyzerScope(ReviewTimings owner, string language, long start) : IDisposable
    {
        public void Dispose() => owner.AddAnalyzerTicks(language, owner._clock.GetTimestamp() - start);
    }

    /// <summary>A stage being timed; dispose it when the stage ends.</summary>
    public readonly struct StageScope(ReviewTimings owner, string name, long start) : IDisposable
    {
        public void Dispose() => owner.AddStageTicks(name, owner._clock.GetTimestamp() - start);
    }

    /// <summary>Work being timed on this thread; dispose it on the same thread when the work ends.</summary>
    public readonly struct WorkScope : IDisposable
    {
        private readonly WorkFrame _frame;

        internal WorkScope(WorkFrame frame) => _frame = frame;

        public void Dispose()
        {
            var now = _frame.Owner._clock.GetTimestamp();
            _frame.Owner.AddWork(_frame.Key, now - _frame.Since);
            if (_frame.Outer is { } outer) outer.Since = now;
            t_current = _frame.Outer;
        }
    }

    internal sealed class WorkFrame(ReviewTimings owner, int key, long since, WorkFrame? outer)
    {
        public ReviewTimings Owner { get; } = owner;

        public int Key { get; } = key;

        public long Since { get; set; } = since;

        public WorkFrame? Outer { get; } = outer;
    }
}
