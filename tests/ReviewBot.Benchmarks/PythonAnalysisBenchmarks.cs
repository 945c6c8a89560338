using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Text;
using ReviewBot.Python;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Benchmarks;

/// <summary>
/// Parse and analysis throughput of the Python analyzer over about 300 real files and 100,000 lines of the machine's
/// CPython standard library (files of at most 1,500 lines, in path order, without test/lib2to3/idlelib); lines per
/// second is <see cref="CorpusLines"/> divided by the mean. Run with
/// <c>dotnet run -c Release --project tests/ReviewBot.Benchmarks -- --filter '*PythonAnalysis*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PythonAnalysisBenchmarks
{
    private const int TargetLines = 100_000;
    private const int MaxFileLines = 1_500;
    private static readonly string[] ExcludedFolders = ["test", "lib2to3", "idlelib", "site-packages", "dist-packages"];

    private readonly PythonAnalyzer _analyzer = new();
    private List<SourceFile> _files = [];

    /// <summary>Lines in the corpus; printed at setup so the log gives lines per second.</summary>
    public long CorpusLines { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = LoadCorpus();
        CorpusLines = _files.Sum(f => (long)f.Lines.Count);
        Console.WriteLine($"// Python corpus: {_files.Count} files, {CorpusLines} lines");
    }

    [Benchmark(Description = "Parse (tokenize + tree), all files in parallel")]
    public int Parse()
    {
        var statements = 0;
        Parallel.ForEach(_files, file => Interlocked.Add(ref statements, Parser.ParseModule(file.Text).Body.Count));
        return statements;
    }

    [Benchmark(Description = "Analyze (parse + scopes + every rule)")]
    public int Analyze() => _analyzer.Analyze(_files, AnalysisContext.Default, CancellationToken.None).Findings.Count;

    private static List<SourceFile> LoadCorpus()
    {
        var stdlib = Environment.GetEnvironmentVariable("REVIEWBOT_PYTHON_CORPUS") ?? StdlibPath();
        var files = new List<SourceFile>();
        var lines = 0;
        foreach (var path in Directory.EnumerateFiles(stdlib, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(stdlib, path);
            if (relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(ExcludedFolders.Contains)) continue;
            var file = new SourceFile(relative.Replace('\\', '/'), SourceDecoder.Decode(File.ReadAllBytes(path), out _));
            if (file.Lines.Count > MaxFileLines) continue;
            files.Add(file);
            lines += file.Lines.Count;
            if (lines >= TargetLines) break;
        }

        return files;
    }

    private static string StdlibPath()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 is needed to locate the corpus; set REVIEWBOT_PYTHON_CORPUS.");
        var path = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return path;
    }
}
