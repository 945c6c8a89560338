using System.Diagnostics;
using System.Text;

namespace ReviewBot.Benchmarks;

/// <summary>
/// A git repository generated for benchmarks: <c>main</c> holds <see cref="FileCount"/> C# files, and <c>feature</c>
/// changes every one of them (a third of each file's methods rewritten, one method added), as a large pull request would.
/// </summary>
public sealed class GeneratedRepository : IDisposable
{
    public GeneratedRepository(int fileCount, int linesPerFile)
    {
        FileCount = fileCount;
        Path = Directory.CreateTempSubdirectory("reviewbot-bench-").FullName;
        Git("init -q -b main");
        Git("config user.email bench@example.com");
        Git("config user.name Bench");
        for (var i = 0; i < fileCount; i++) Write(i, CSharpFile(i, linesPerFile, changed: false));
        Git("add -A");
        Git("commit -q -m base");
        Git("checkout -q -b feature");
        for (var i = 0; i < fileCount; i++) Write(i, CSharpFile(i, linesPerFile, changed: true));
        Git("add -A");
        Git("commit -q -m feature");
        LineCount = (long)fileCount * linesPerFile;
    }

    public string Path { get; }

    public int FileCount { get; }

    public long LineCount { get; }

    private void Write(int index, string text)
    {
        var file = System.IO.Path.Combine(Path, "src", $"Module{index / 50}", $"Service{index}.cs");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    /// <summary>A plausible service class of about <paramref name="lines"/> lines: usings, fields, methods with branches and loops.</summary>
    public static string CSharpFile(int index, int lines, bool changed)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text;\n\n");
        text.Append($"namespace Bench.Module{index / 50};\n\n");
        text.Append($"/// <summary>Service {index}.</summary>\npublic sealed class Service{index}\n{{\n");
        text.Append("    private readonly List<int> _values = new();\n\n");
        var method = 0;
        while (CountLines(text) < lines - 15)
        {
            var rewritten = changed && method % 3 == 0;
            text.Append($"    /// <summary>Computes value {method}.</summary>\n");
            text.Append($"    public int {(rewritten ? $"compute_{method}" : $"Compute{method}")}(int input)\n    {{\n");
            text.Append("        var total = 0;\n");
            text.Append("        foreach (var value in _values)\n        {\n");
            text.Append($"            if (value > input + {method})\n            {{\n                total += value;\n            }}\n");
            text.Append(rewritten ? "            else if (value == input)\n            {\n                total -= 1;\n            }\n" : "");
            text.Append("        }\n\n");
            text.Append("        return total;\n    }\n\n");
            method++;
        }

        if (changed) text.Append("    public string Describe() => string.Join(\",\", _values.Select(v => v.ToString()));\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static int CountLines(StringBuilder text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') count++;
        return count;
    }

    private void Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {arguments} failed");
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
