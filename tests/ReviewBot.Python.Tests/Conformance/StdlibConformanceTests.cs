using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ReviewBot.Engine.Text;
using ReviewBot.Python.Syntax;
using Xunit.Abstractions;

namespace ReviewBot.Python.Tests.Conformance;

/// <summary>
/// Parses every module of the machine's CPython standard library (without test, lib2to3 and idlelib) that CPython
/// accepts, and checks that the functions, classes and imports we find, with their lines, equal what Python's own
/// <c>ast</c> module reports (ast_dump.py).
/// </summary>
public sealed class StdlibConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] ExcludedFolders = ["test", "lib2to3", "idlelib", "site-packages", "dist-packages"];

    // Another interpreter's library can be checked too: REVIEWBOT_CONFORMANCE_PYTHON=python3.12. Setting
    // REVIEWBOT_CONFORMANCE_WITH_TESTS=1 also parses its test folders (the grammar and f-string tests live there).
    private static readonly string Python = Environment.GetEnvironmentVariable("REVIEWBOT_CONFORMANCE_PYTHON") ?? "python3";
    private static readonly bool WithTests = Environment.GetEnvironmentVariable("REVIEWBOT_CONFORMANCE_WITH_TESTS") == "1";

    [Fact]
    public void EveryStdlibModuleParsesAndAgreesWithCPythonAst()
    {
        var stdlib = RunPython(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], "").Trim();
        Assert.True(Directory.Exists(stdlib), $"The standard library folder '{stdlib}' does not exist.");
        var files = Directory.EnumerateFiles(stdlib, "*.py", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(stdlib, f).Split(Path.DirectorySeparatorChar).SkipLast(1)
                .Any(folder => ExcludedFolders.Contains(folder) && !(WithTests && folder is "test" or "lib2to3" or "idlelib")))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"Only {files.Count} files found under {stdlib}.");

        var script = Path.Combine(AppContext.BaseDirectory, "Conformance", "ast_dump.py");
        var expected = new Dictionary<string, List<string>?>(StringComparer.Ordinal);
        foreach (var line in RunPython([script], string.Join('\n', files)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var path = json.RootElement.GetProperty("path").GetString()!;
            expected[path] = json.RootElement.TryGetProperty("items", out var items)
                ? items.EnumerateArray().Select(i => i.GetString()!).ToList()
                : null;
        }

        var accepted = files.Where(f => expected.GetValueOrDefault(f) is not null).ToList();
        var failures = new ConcurrentBag<string>();
        var lines = 0L;
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(accepted, file =>
        {
            var text = SourceDecoder.Decode(File.ReadAllBytes(file), out _);
            Interlocked.Add(ref lines, new LineIndex(text).Count);
            try
            {
                var module = Parser.ParseModule(text);
                var actual = DefinitionsAndImports.Of(module);
                var want = expected[file]!;
                if (!actual.SequenceEqual(want, StringComparer.Ordinal))
                {
                    var missing = want.Except(actual).Take(3);
                    var extra = actual.Except(want).Take(3);
                    failures.Add($"{file}: disagrees; missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
                }
            }
            catch (SyntaxErrorException e)
            {
                failures.Add($"{file}:{e.Line}:{e.Column}: {e.Message}");
            }
            catch (NestingLimitException e)
            {
                failures.Add($"{file}: {e.Message}");
            }
        });
        stopwatch.Stop();

        output.WriteLine($"stdlib {stdlib}: {files.Count} files, {accepted.Count} accepted by CPython, {lines} lines, " +
                         $"{failures.Count} failures, parsed in {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Order().Take(30)));
    }

    private static string RunPython(IEnumerable<string> arguments, string input)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {stderr.Result}");
        return stdout.Result;
    }

    private sealed class DefinitionsAndImports : SyntaxWalker
    {
        private readonly List<string> _items = [];

        public static List<string> Of(ModuleNode module)
        {
            var walker = new DefinitionsAndImports();
            walker.Visit(module);
            walker._items.Sort(StringComparer.Ordinal);
            return walker._items;
        }

        public override void Visit(Node node)
        {
            switch (node)
            {
                case FunctionDefinition function:
                    _items.Add($"def {function.Name} {function.Line}");
                    break;
                case ClassDefinition cls:
                    _items.Add($"class {cls.Name} {cls.Line}");
                    break;
                case ImportStatement import:
                    _items.AddRange(import.Names.Select(a => $"import {a.Name} {import.Line}"));
                    break;
                case ImportFromStatement from:
                    var module = new string('.', from.Level) + from.Module;
                    _items.AddRange(from.Names.Select(a => $"from {module} {a.Name} {from.Line}"));
                    break;
            }

            base.Visit(node);
        }
    }
}
