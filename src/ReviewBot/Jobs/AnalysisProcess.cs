using ReviewBot.CSharp.Packages;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Jobs;

/// <summary>
/// The App's analysis process: <c>reviewbot analysis-worker</c>, a child of <c>serve</c> (at nice 10 on Linux) that runs
/// every review's diff and analysis, so that the process answering webhooks never shares its heap with the analysis.
/// Measured before: each garbage collection of the analysis's heap (3 ms typically, 12 to 17 ms for the older
/// generation) paused every webhook request in flight, and one such pause in a burst of 200 deliveries was its p99.
/// </summary>
/// <remarks>
/// One process serves all the workers: requests and replies are JSON lines over its standard input and output, matched
/// by id. It starts with the App (or the first review) and again, at the next review, after it died: a review it was running fails (and is retried as
/// any failed attempt), the others go on. A crash or an out-of-memory kill in the analysis no longer takes the App down
/// with it. It gets none of the App's settings or secrets: it reads only the cached repository it is pointed at.
/// </remarks>
internal sealed partial class AnalysisProcess : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TaskCompletionSource<AnalysisReply>> _pending = [];
    private readonly ILogger<AnalysisProcess> _logger;
    private Process? _process;
    private long _nextId;
    private bool _disposed;

    private readonly PackageSettings? _packages;

    /// <summary>An analysis process that resolves C# packages as <paramref name="packages"/> says (this process's environment's settings when null).</summary>
    public AnalysisProcess(ILogger<AnalysisProcess> logger, PackageSettings? packages = null)
    {
        _logger = logger;
        _packages = packages;
    }

    /// <summary>The running analysis process's id, or null before the first review and after it ended.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate) return _process is { HasExited: false } p ? p.Id : null;
        }
    }

    /// <summary>Starts the process with the App, so that it has compiled the analysis before the first review.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_disposed) Running();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends <paramref name="request"/> (its id is set here) and waits for the reply.</summary>
    /// <exception cref="AnalysisFailedException">The review failed, or the process died while running it.</exception>
    public async Task<AnalysisReply> ReviewAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<AnalysisReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        Process process;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            process = Running();
            id = ++_nextId;
            _pending[id] = reply;
            Send(process, request with { Id = id });
        }

        // A cancelled review is given up at once (a job's timeout must end it even if the analysis never looks up);
        // the analysis process is told, and its late reply is dropped.
        await using var cancel = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (!_pending.Remove(id)) return;
                if (_process == process && !process.HasExited) Send(process, new AnalysisRequest { Id = id, Cancel = true });
            }

            reply.TrySetCanceled(cancellationToken);
        }).ConfigureAwait(false);
        var answer = await reply.Task.ConfigureAwait(false);
        if (answer.Cancelled) throw new OperationCanceledException(cancellationToken);
        if (answer.Error is { } error) throw new AnalysisFailedException("The analysis failed: " + error);
        return answer;
    }

    private Process Running()
    {
        if (_process is { HasExited: false } running) return running;
        var process = Process.Start(StartInfo(_packages)) ?? throw new AnalysisFailedException("The analysis process did not start.");
        _process = process;
        // Threads of their own, not the pool's: a read from a pipe blocks its thread, and the pool serves the webhooks.
        new Thread(() => ReadReplies(process)) { IsBackground = true, Name = "reviewbot-analysis-replies" }.Start();
        new Thread(() => ForwardErrors(process)) { IsBackground = true, Name = "reviewbot-analysis-errors" }.Start();
        LogStarted(_logger, process.Id);
        return process;
    }

    private static void Send(Process process, AnalysisRequest request)
    {
        try
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(request, AnalysisJson.Default.AnalysisRequest));
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The process died: its reader fails what it was asked.
        }
    }

    private void ReadReplies(Process process)
    {
        try
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                var reply = JsonSerializer.Deserialize(line, AnalysisJson.Default.AnalysisReply);
                if (reply is null) continue;
                TaskCompletionSource<AnalysisReply>? waiting;
                lock (_gate)
                {
                    if (_pending.Remove(reply.Id, out waiting)) waiting.TrySetResult(reply);
                }
            }
        }
#pragma warning disable CA1031 // A reply that cannot be read ends this process's use; its reviews fail below.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnreadable(_logger, e.GetType().Name);
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }

        process.WaitForExit();
        List<TaskCompletionSource<AnalysisReply>> orphans;
        lock (_gate)
        {
            // Every review still waiting was this process's: a later process gets new ids.
            orphans = [.. _pending.Values];
            _pending.Clear();
            if (_process == process) _process = null;
        }

        if (!_disposed || orphans.Count > 0) LogExited(_logger, process.Id, process.ExitCode, orphans.Count);
        foreach (var orphan in orphans)
        {
            orphan.TrySetException(new AnalysisFailedException($"The analysis process exited with code {process.ExitCode} during the review."));
        }

        process.Dispose();
    }

    private void ForwardErrors(Process process)
    {
        try
        {
            while (process.StandardError.ReadLine() is { } line) LogOutput(_logger, line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone and disposed.
        }
    }

    private static ProcessStartInfo StartInfo(PackageSettings? packages)
    {
        var (program, prefix) = ThisProgram();
        // On Linux the whole process runs at a lower priority, threads the runtime starts included.
        var niced = OperatingSystem.IsLinux() && File.Exists("/usr/bin/nice");
        var start = new ProcessStartInfo(niced ? "/usr/bin/nice" : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (niced)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(JobThreads.Niceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(program);
        }

        foreach (var argument in prefix) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(AnalysisWorkerVerb);
        // Where packages come from, as arguments: the analysis resolves them itself, and gets no setting of the App's
        // environment.
        foreach (var argument in (packages ?? PackageSettings.FromEnvironment()).ToArguments()) start.ArgumentList.Add(argument);
        // The analysis needs no setting of the App's, and holds none of its secrets (a GitHub key, a webhook secret).
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (IsAppSetting(name)) start.Environment.Remove(name);
        }

        return start;
    }

    /// <summary>The verb the analysis process runs (not for users).</summary>
    public const string AnalysisWorkerVerb = "analysis-worker";

    internal static bool IsAppSetting(string name) =>
        name.StartsWith("ReviewBot", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("INPUT_", StringComparison.OrdinalIgnoreCase)
        || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
        || name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PRIVATE", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How to start this program again: the apphost itself, or <c>dotnet reviewbot.dll</c> when started through
    /// <c>dotnet</c> (or from a test host, beside which the build puts <c>reviewbot.dll</c>).
    /// </summary>
    private static (string Program, string[] Prefix) ThisProgram()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Equals("reviewbot", StringComparison.OrdinalIgnoreCase)) return (path, []);
        var host = name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
        return (host, [Path.Combine(AppContext.BaseDirectory, "reviewbot.dll")]);
    }

    public void Dispose()
    {
        Process? process;
        lock (_gate)
        {
            _disposed = true;
            process = _process;
        }

        if (process is null) return;
        try
        {
            // Its input ends: it cancels what it runs and exits; a process that does not is killed.
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5))) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis process {ProcessId} started")]
    private static partial void LogStarted(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis process {ProcessId} exited with code {ExitCode}; {Reviews} review(s) it was running failed and will be retried")]
    private static partial void LogExited(ILogger logger, int processId, int exitCode, int reviews);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analysis process wrote a reply that could not be read ({Error}); it is stopped")]
    private static partial void LogUnreadable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis process: {Line}")]
    private static partial void LogOutput(ILogger logger, string line);
}

/// <summary>A review the analysis process did not finish: the job's attempt fails with this reason.</summary>
internal sealed class AnalysisFailedException(string message) : Exception(message);
