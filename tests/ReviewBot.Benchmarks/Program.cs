using BenchmarkDotNet.Running;

namespace ReviewBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/ReviewBot.Benchmarks -- --filter '*'</c> runs every benchmark;
/// add <c>--job short</c> for a quick reading. <c>roslyn-analyzers ...</c> runs <see cref="RoslynAnalyzersRun"/> instead.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Not a benchmark: the reference process bench-cli.sh times against `reviewbot review`.
        if (args is ["roslyn-analyzers", .. var rest]) return await RoslynAnalyzersRun.RunAsync(rest);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
