using BenchmarkDotNet.Running;

namespace ReviewBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/ReviewBot.Benchmarks -- --filter '*'</c> runs every benchmark;
/// add <c>--job short</c> for a quick reading.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
