using BenchmarkDotNet.Attributes;
using LibGit2Sharp;
using ReviewBot.Cli;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Diff;
using ReviewBot.Git;

namespace ReviewBot.Benchmarks;

/// <summary>
/// The whole local review of a large pull request (200 changed C# files of 300 lines: git, diff, analysis, filter,
/// report), and its parts: the three-dot diff with blob reads, and parsing the diff text.
/// </summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private GeneratedRepository _repository = null!;
    private string _diffText = "";

    [Params(200)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _repository = new GeneratedRepository(Files, 300);
        using var repository = new Repository(_repository.Path);
        var mergeBase = repository.Branches["main"].Tip;
        using var patch = repository.Diff.Compare<Patch>(mergeBase.Tree, repository.Branches["feature"].Tip.Tree);
        _diffText = patch.Content;
        // Warm the analyzers (reference assemblies), as a long-running server is.
        _ = Review();
    }

    [GlobalCleanup]
    public void Cleanup() => _repository.Dispose();

    /// <summary><c>reviewbot review</c> end to end, without printing.</summary>
    [Benchmark]
    public int Review()
    {
        var options = new ReviewOptions { Repository = _repository.Path, Base = "main", Head = "feature" };
        var (result, _) = ReviewCommand.Review(options, TextWriter.Null, CancellationToken.None);
        return result.Findings.Count;
    }

    /// <summary>Merge base, rename-detecting diff and reading every changed blob.</summary>
    [Benchmark]
    public int GitDiff()
    {
        using var repository = new Repository(_repository.Path);
        var changes = GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["feature"].Tip, FileLimits.Default);
        return changes.Files.Count;
    }

    /// <summary>Parsing the unified diff text of the whole change (what the GitHub API's patches need).</summary>
    [Benchmark]
    public int ParseDiff() => UnifiedDiffParser.Parse(_diffText).Sum(f => f.Lines.AddedLines.Count);
}
