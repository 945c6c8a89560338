using System.Text;
using BenchmarkDotNet.Attributes;
using ReviewBot.CSharp;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.Benchmarks;

/// <summary>
/// The C# analysis alone (parse, bind with the project's other files as context, every rule), warm as in a long-running
/// server: a large pull request of 200 changed files of about 300 lines, and a typical one of 20, in a project of
/// <see cref="ContextFiles"/> further files. Lines per second = <see cref="ChangedLines"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class CSharpAnalysisBenchmarks
{
    private const int LinesPerFile = 300;
    private const int ContextFiles = 200;

    private readonly CSharpAnalyzer _analyzer = new();
    private AnalysisContext _context = null!;
    private List<SourceFile> _changed = null!;

    [Params(20, 200)]
    public int Files { get; set; }

    /// <summary>Rule ids to run (comma-separated), or null for all: to see what each rule costs.</summary>
    public string? Only { get; set; }

    /// <summary>Lines of the changed files (for lines per second).</summary>
    public long ChangedLines => _changed.Sum(f => (long)f.Lines.Count);

    [GlobalSetup]
    public void Setup()
    {
        var repository = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["src/Shop/Shop.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>",
        };
        for (var i = 0; i < ContextFiles; i++) repository[$"src/Shop/Context/Model{i}.cs"] = ContextFile(i);
        _changed = [];
        for (var i = 0; i < Files; i++)
        {
            var path = $"src/Shop/Services/Service{i}.cs";
            var text = ChangedFile(i, LinesPerFile);
            repository[path] = text;
            _changed.Add(new SourceFile(path, text));
        }

        var rules = Only is null
            ? RuleSettings.AllEnabled
            : new RuleSettings(ruleEnabled: _analyzer.Rules.ToDictionary(r => r.Id, r => Only.Split(',').Contains(r.Id), StringComparer.OrdinalIgnoreCase));
        _context = new AnalysisContext { Repository = new InMemorySnapshot(repository), Rules = rules };
        // Warm: reference assemblies loaded, code paths jitted, as in a server that has reviewed before.
        _ = Analyze();
    }

    /// <summary>Analyzes the changed files; returns the number of findings so the work is not optimised away.</summary>
    [Benchmark]
    public int Analyze() => _analyzer.Analyze(_changed, _context, CancellationToken.None).Findings.Count;

    private static string ContextFile(int index) => $$"""
        namespace Shop.Context;

        /// <summary>Model {{index}}.</summary>
        public sealed record Model{{index}}(int Id, string Name, decimal Price)
        {
            /// <summary>Whether the model is on sale.</summary>
            public bool OnSale => Price < {{index + 10}}m;

            /// <summary>A label.</summary>
            public string Label() => $"{Name} ({Id})";
        }
        """;

    /// <summary>A service class of about <paramref name="lines"/> lines using the context models, with a few findings.</summary>
    private static string ChangedFile(int index, int lines)
    {
        var text = new StringBuilder();
        text.Append("using System.Globalization;\nusing System.Text;\nusing Shop.Context;\n\n");
        text.Append("namespace Shop.Services;\n\n");
        text.Append($"/// <summary>Service {index}.</summary>\npublic sealed class Service{index}\n{{\n");
        text.Append("    private readonly Dictionary<int, decimal> _prices = new();\n    private int retries;\n\n");
        var method = 0;
        while (text.ToString().Count(c => c == '\n') < lines - 25)
        {
            var model = $"Model{(index + method) % ContextFiles}";
            text.Append($"    /// <summary>Computes total {method}.</summary>\n");
            text.Append($"    public decimal {(method % 7 == 3 ? $"compute_total_{method}" : $"ComputeTotal{method}")}(IReadOnlyList<{model}> items, string currency)\n    {{\n");
            text.Append("        var total = 0m;\n        var unused = items.Count;\n");
            text.Append("        foreach (var item in items)\n        {\n");
            text.Append("            if (item.OnSale && item.Price > 0)\n            {\n                total += item.Price * 0.9m;\n            }\n");
            text.Append("            else if (_prices.TryGetValue(item.Id, out var price))\n            {\n                total += price;\n            }\n");
            text.Append("            else\n            {\n                total += item.Price;\n            }\n        }\n\n");
            text.Append("        var label = string.Join(\", \", items.Where(i => i.Name.Length > 2).Select(i => i.Label()));\n");
            text.Append("        retries += label.Length > 100 ? 1 : 0;\n");
            text.Append("        return currency == \"EUR\" ? total : Math.Round(total * 1.1m, 2);\n    }\n\n");
            text.Append($"    private static string Format{method}(decimal value) => value.ToString(\"N2\", CultureInfo.InvariantCulture);\n\n");
            method++;
        }

        text.Append("    /// <summary>Builds a report.</summary>\n    public string Report()\n    {\n        var builder = new StringBuilder();\n");
        text.Append("        foreach (var pair in _prices) builder.Append(pair.Key).Append('=').Append(Format0(pair.Value)).Append('\\n');\n");
        text.Append("        return builder.ToString();\n    }\n}\n");
        return text.ToString();
    }
}
