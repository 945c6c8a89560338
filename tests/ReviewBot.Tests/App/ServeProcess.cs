using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ReviewBot.Tests.App;

/// <summary>A <c>reviewbot serve</c> child process listening on a free loopback port.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines;

    private ServeProcess(Process process, ConcurrentQueue<string> lines, Uri url)
    {
        _process = process;
        _lines = lines;
        Url = url;
    }

    public Uri Url { get; }

    public string Output => string.Join('\n', _lines);

    public static async Task<ServeProcess> StartAsync(AppHarness harness, params (string Key, string Value)[] overrides)
    {
        var lines = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Start(harness.Settings(overrides), lines, line =>
        {
            var match = ListeningPattern().Match(line);
            if (match.Success) listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        });
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("reviewbot serve did not start:\n" + string.Join('\n', lines));
        }

        return new ServeProcess(process, lines, await listening.Task);
    }

    public static async Task<(int ExitCode, string Output)> RunToExitAsync(Dictionary<string, string?> settings)
    {
        var lines = new ConcurrentQueue<string>();
        using var process = Start(settings, lines, _ => { });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, string.Join('\n', lines));
    }

    private static Process Start(Dictionary<string, string?> settings, ConcurrentQueue<string> lines, Action<string> onLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reviewbot.dll"));
        start.ArgumentList.Add("serve");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            onLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lines.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The process id, which the replica's lease owner name carries.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Kills the process outright: no graceful shutdown, as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // Up to a quote too: in JSON logs (ReviewBot__LogFormat=json) the address ends the message's string.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningPattern();
}
