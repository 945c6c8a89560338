using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ReviewBot.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own, from <c>scripts/test-postgres.sh</c> (the script CI and developers use), for
/// tests that stop the server under a running App: the shared one of <see cref="PostgresTestServer"/> must stay up.
/// </summary>
internal sealed partial class PrivateCluster : IAsyncDisposable
{
    private readonly string _stateFile;

    private PrivateCluster(string stateFile, string connectionString)
    {
        _stateFile = stateFile;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivateCluster> StartAsync()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), "reviewbot-tests", "pg-" + Guid.NewGuid().ToString("N") + ".state");
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var output = await RunAsync(stateFile, "start");
        var connection = ExportLine().Matches(output).Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .Single(export => export.Item1 == PostgresTestServer.Variable).Item2;
        return new PrivateCluster(stateFile, connection);
    }

    /// <summary>Stops the server (fast shutdown: sessions ended, committed work kept).</summary>
    public Task StopServerAsync() => RunAsync(_stateFile, "pause");

    /// <summary>Starts the server again on the same folder and port.</summary>
    public Task StartServerAsync() => RunAsync(_stateFile, "resume");

    public async ValueTask DisposeAsync() => await RunAsync(_stateFile, "stop");

    private static async Task<string> RunAsync(string stateFile, string verb)
    {
        var start = new ProcessStartInfo("bash", [ScriptPath(), verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["REVIEWBOT_TEST_POSTGRES_STATE"] = stateFile;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0) throw new InvalidOperationException($"test-postgres.sh {verb} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string ScriptPath([CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "..", "scripts", "test-postgres.sh"));

    [GeneratedRegex(@"^export (\w+)='([^']*)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
