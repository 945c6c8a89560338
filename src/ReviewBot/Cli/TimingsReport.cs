using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReviewBot.Engine.Review;

namespace ReviewBot.Cli;

/// <summary>
/// <c>reviewbot review --timings</c>: where the whole process spent its time, from the moment the operating system
/// started it to the report written, printed to standard error. The stages ran one after another, so their wall times
/// add up to the total, less what no stage covers (printed as such). The analysis ran on several threads at once: its
/// wall time is shared out among its kinds of work by the thread time each took, which is printed beside it.
/// </summary>
internal static class TimingsReport
{
    private const string ProcessStartStage = "start-up: process start to Main (the .NET runtime)";
    private const string NotTimed = "not timed (between stages)";

    private static DateTime? s_mainEntered;

    /// <summary>Called first thing in <c>Main</c>: the runtime's start-up ends here.</summary>
    public static void MarkMainEntered() => s_mainEntered ??= DateTime.UtcNow;

    /// <summary>
    /// When the operating system started this process, if it says, and if this is the <c>reviewbot</c> executable (a
    /// test host that runs the verb in-process started long before).
    /// </summary>
    public static DateTime? ProcessStarted()
    {
        if (s_mainEntered is null) return null;
        try
        {
            using var process = Process.GetCurrentProcess();
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// The time before the review began: the runtime starting (when <c>Main</c> was marked) and the command line read.
    /// The total of the report is measured from <paramref name="processStarted"/>.
    /// </summary>
    public static void AddStartUp(ReviewTimings timings, DateTime? processStarted)
    {
        var now = DateTime.UtcNow;
        var main = s_mainEntered ?? now;
        if (processStarted is { } started && main >= started) timings.AddStage(ProcessStartStage, main - started);
        timings.AddStage("start-up: Main to the review (command line)", now - main);
    }

    /// <summary>
    /// The table; its total is the wall time since <paramref name="processStarted"/>, or the stages' sum when the OS
    /// did not say when the process started.
    /// </summary>
    public static string Render(ReviewTimings timings, DateTime? processStarted)
    {
        var stages = timings.Stages;
        var work = timings.WorkDone;
        var analysis = stages.FirstOrDefault(s => s.Name == ReviewEngine.AnalysisStage).Elapsed;
        var busy = work.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Busy);
        var timed = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed);
        var total = processStarted is { } started ? DateTime.UtcNow - started : timed;

        var rows = new List<(string Name, TimeSpan Wall, string Note)>();
        foreach (var (name, elapsed) in stages)
        {
            if (name == ReviewEngine.AnalysisStage && busy > TimeSpan.Zero)
            {
                rows.Add((name, elapsed, $"{Seconds(busy)} of thread time, {busy / elapsed:0.0} threads busy on average"));
                foreach (var (workName, workBusy) in work.OrderByDescending(w => w.Busy))
                {
                    rows.Add(("  " + workName, analysis * (workBusy / busy), $"{Seconds(workBusy)} of thread time"));
                }
            }
            else
            {
                rows.Add((name, elapsed, ""));
            }
        }

        rows.Add((NotTimed, total - timed, ""));
        var width = rows.Max(r => r.Name.Length);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"timings: {Seconds(total)} from process start to the report written, on {Environment.ProcessorCount} cores\n");
        foreach (var (name, wall, note) in rows)
        {
            var share = total > TimeSpan.Zero ? 100 * (wall / total) : 0;
            text.Append(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {Seconds(wall),9}  {share,5:0.0}%");
            if (note.Length > 0) text.Append("   ").Append(note);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.000} s");
}
