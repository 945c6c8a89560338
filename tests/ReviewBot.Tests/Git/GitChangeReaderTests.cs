using System.Text;
using System.Text.RegularExpressions;
using LibGit2Sharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Diff;
using ReviewBot.Git;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Git;

public sealed partial class GitChangeReaderTests
{
    private static string Numbered(int count, string prefix = "line") =>
        string.Concat(Enumerable.Range(1, count).Select(n => $"{prefix} {n}\n"));

    /// <summary>
    /// A repository with every kind of change: edits in several hunks, a rename with an edit, an exact rename, an added,
    /// a deleted, a binary, a CRLF, a no-final-newline, a non-UTF-8 and an empty file; and a base branch that moved on
    /// after the feature branched, so only a three-dot diff is right.
    /// </summary>
    private static (TempGitRepository Repo, string BaseBranch, string HeadBranch) BuildRepository()
    {
        var repo = new TempGitRepository();
        repo.Write("src/Edited.cs", Numbered(60))
            .Write("src/Renamed.cs", Numbered(40, "stable"))
            .Write("src/Moved.cs", Numbered(20, "moved"))
            .Write("src/Deleted.cs", Numbered(5))
            .Write("crlf.py", "a = 1\r\nb = 2\r\nc = 3\r\n")
            .Write("tail.py", "x = 1\ny = 2\n")
            .WriteBytes("logo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 1, 2, 3]);
        repo.Commit("base");

        repo.Checkout("feature", create: true);
        var edited = Numbered(60).Replace("line 5\n", "line five\n", StringComparison.Ordinal)
            .Replace("line 30\n", "line 30\ninserted 30a\ninserted 30b\n", StringComparison.Ordinal)
            .Replace("line 59\n", "", StringComparison.Ordinal);
        repo.Write("src/Edited.cs", edited);
        repo.Git("mv src/Renamed.cs src/NewName.cs");
        repo.Write("src/NewName.cs", Numbered(40, "stable").Replace("stable 20\n", "changed 20\n", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(repo.Path, "lib"));
        repo.Git("mv src/Moved.cs lib/Moved.cs");
        repo.Delete("src/Deleted.cs");
        repo.Write("crlf.py", "a = 1\r\nb = 22\r\nc = 3\r\nd = 4\r\n");
        repo.Write("tail.py", "x = 1\ny = 3");
        repo.WriteBytes("latin1.py", [(byte)'s', (byte)' ', (byte)'=', (byte)' ', (byte)'"', 0xE9, (byte)'"', (byte)'\n']);
        repo.Write("empty.py", "");
        repo.WriteBytes("logo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 9, 9, 9]);
        repo.Write("src/Added.cs", Numbered(3, "new"));
        repo.Commit("feature work");

        // The base moves on: these changes must not show up in the pull request's diff.
        repo.Checkout("main");
        repo.Write("src/Edited.cs", Numbered(60).Replace("line 50\n", "main changed 50\n", StringComparison.Ordinal));
        repo.Write("main-only.cs", "class MainOnly {}\n");
        repo.Commit("main moves on");
        return (repo, "main", "feature");
    }

    [Fact]
    public void ChangedLineSets_EqualGitDiffOfTheMergeBase()
    {
        var (repo, baseBranch, headBranch) = BuildRepository();
        using (repo)
        {
            using var repository = new Repository(repo.Path);
            var changes = GitChangeReader.Read(repository, repository.Branches[baseBranch].Tip, repository.Branches[headBranch].Tip, FileLimits.Default);
            var mergeBase = repo.Git($"merge-base {baseBranch} {headBranch}").Trim();

            Assert.Equal(mergeBase, changes.MergeBaseSha);
            var expected = ExpectedFromGit(repo, $"{baseBranch}...{headBranch}");
            Assert.Equal(expected.Keys.Order(), changes.Files.Where(f => f.Status != ChangeStatus.Deleted).Select(f => f.Path).Order());
            foreach (var file in changes.Files.Where(f => f.Status != ChangeStatus.Deleted))
            {
                var (added, context) = expected[file.Path];
                Assert.True(added.SetEquals(file.Lines.AddedLines), $"{file.Path}: added {string.Join(",", file.Lines.AddedLines.Order())} but git says {string.Join(",", added.Order())}");
                Assert.True(context.SetEquals(file.Lines.ContextLines), $"{file.Path}: context {string.Join(",", file.Lines.ContextLines.Order())} but git says {string.Join(",", context.Order())}");
            }

            Assert.DoesNotContain(changes.Files, f => f.Path == "main-only.cs");
        }
    }

    [Fact]
    public void FeatureThatMergedTheBase_ShowsOnlyItsOwnChanges()
    {
        var (repo, baseBranch, headBranch) = BuildRepository();
        using (repo)
        {
            // The feature merges main back in (taking main's line 50 and main-only.cs), then changes one more line.
            repo.Checkout(headBranch);
            repo.Git($"merge -q --no-edit -X theirs {baseBranch}");
            var edited = File.ReadAllText(Path.Combine(repo.Path, "src/Edited.cs")).Replace("line 10\n", "line ten\n", StringComparison.Ordinal);
            repo.Write("src/Edited.cs", edited).Commit("after merge");
            using var repository = new Repository(repo.Path);

            var changes = GitChangeReader.Read(repository, repository.Branches[baseBranch].Tip, repository.Branches[headBranch].Tip, FileLimits.Default);

            Assert.Equal(repo.Git($"rev-parse {baseBranch}").Trim(), changes.MergeBaseSha);
            var expected = ExpectedFromGit(repo, $"{baseBranch}...{headBranch}");
            var edit = changes.Files.Single(f => f.Path == "src/Edited.cs");
            Assert.True(expected["src/Edited.cs"].Added.SetEquals(edit.Lines.AddedLines));
            Assert.Contains(10, edit.Lines.AddedLines);
            Assert.DoesNotContain(changes.Files, f => f.Path == "main-only.cs");
            Assert.DoesNotContain(File.ReadAllLines(Path.Combine(repo.Path, "src/Edited.cs")).Select((l, i) => (l, i + 1)).Where(x => x.l == "main changed 50"), x => edit.Lines.AddedLines.Contains(x.Item2));
        }
    }

    [Fact]
    public void Statuses_RenamesAndTexts_ReadFromTheObjectDatabase()
    {
        var (repo, baseBranch, headBranch) = BuildRepository();
        using (repo)
        {
            // The work tree is on main: every head text must come from the object database, not the disk.
            using var repository = new Repository(repo.Path);
            var changes = GitChangeReader.Read(repository, repository.Branches[baseBranch].Tip, repository.Branches[headBranch].Tip, FileLimits.Default);
            var byPath = changes.Files.ToDictionary(f => f.Path);

            Assert.Equal((ChangeStatus.Renamed, "src/Renamed.cs"), (byPath["src/NewName.cs"].Status, byPath["src/NewName.cs"].OldPath));
            Assert.Equal([20], byPath["src/NewName.cs"].Lines.AddedLines);
            Assert.Equal(ChangeStatus.Renamed, byPath["lib/Moved.cs"].Status);
            Assert.Empty(byPath["lib/Moved.cs"].Lines.AddedLines);
            Assert.Equal(ChangeStatus.Deleted, byPath["src/Deleted.cs"].Status);
            Assert.Null(byPath["src/Deleted.cs"].Text);
            Assert.True(byPath["logo.png"].IsBinary);
            Assert.Equal("a = 1\r\nb = 22\r\nc = 3\r\nd = 4\r\n", byPath["crlf.py"].Text);
            Assert.Equal([2, 4], byPath["crlf.py"].Lines.AddedLines.Order());
            Assert.Equal("x = 1\ny = 3", byPath["tail.py"].Text);
            Assert.Equal("s = \"é\"\n", byPath["latin1.py"].Text);
            Assert.False(byPath["latin1.py"].WasUtf8);
            Assert.Contains(changes.Notices, n => n.Path == "latin1.py");
            Assert.Equal("", byPath["empty.py"].Text);
            Assert.Empty(byPath["empty.py"].Lines.AddedLines);
            Assert.Equal(ChangeStatus.Added, byPath["src/Added.cs"].Status);
            Assert.Equal(Numbered(3, "new"), byPath["src/Added.cs"].Text);
            Assert.Contains("src/Edited.cs", changes.Head.AllPaths);
            Assert.Equal(Numbered(3, "new"), changes.Head.ReadText("src/Added.cs", 1000));
            Assert.Null(changes.Head.ReadText("logo.png", 1000));
        }
    }

    // Added files are not patched by libgit2 but read once and turned into one all-added hunk: the hunks, and which
    // files are binary, must be what git itself shows.
    [Fact]
    public void AddedFiles_HaveTheHunksAndBinaryJudgementOfGitDiff()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "base\n").Commit("base");
        repo.Checkout("feature", create: true);
        var nulLate = new byte[9000];
        Array.Fill(nulLate, (byte)'x');
        nulLate[100] = (byte)'\n';
        nulLate[8500] = 0;
        repo.Write("plain.py", "a = 1\nb = 2\n")
            .Write("crlf.py", "a = 1\r\nb = 2\r\n")
            .Write("no_final_newline.py", "a = 1\nb = 2")
            .Write("lone_cr.py", "a = 1\rb = 2\nc = 3\n")
            .Write("blank_lines.py", "\n\n\n")
            .Write("newline_only.py", "\n")
            .Write("empty.py", "")
            .WriteBytes("bom.py", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b', (byte)'\n'])
            .WriteBytes("latin1.py", [(byte)'s', (byte)'=', 0xE9, (byte)'\n', (byte)'t', (byte)'\n'])
            .WriteBytes("control.py", [1, 2, 3, 4, 5, 6, 7, (byte)'\n', 0x7F, 0x1B, (byte)'\n'])
            .WriteBytes("nul_after_8000.py", nulLate)
            .WriteBytes("nul_early.py", [(byte)'a', 0, (byte)'\n']);
        repo.Commit("add files");
        using var repository = new Repository(repo.Path);

        var changes = GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["feature"].Tip, FileLimits.Default);

        var git = UnifiedDiffParser.Parse(repo.Git("-c core.quotepath=off diff --no-color --no-ext-diff -U3 main...feature")).ToDictionary(f => f.Path);
        Assert.Equal(git.Keys.Order(StringComparer.Ordinal), changes.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in changes.Files)
        {
            var expected = git[file.Path];
            Assert.Equal(ChangeStatus.Added, file.Status);
            Assert.True(expected.IsBinary == file.IsBinary, $"{file.Path}: binary {file.IsBinary}, git says {expected.IsBinary}");
            Assert.Equal(
                expected.Hunks.Select(h => (h.OldStart, h.OldCount, h.NewStart, h.NewCount)),
                file.Diff.Hunks.Select(h => (h.OldStart, h.OldCount, h.NewStart, h.NewCount)));
            Assert.Equal(
                expected.Hunks.SelectMany(h => h.Lines).Select(l => (l.Kind, l.OldLine, l.NewLine)),
                file.Diff.Hunks.SelectMany(h => h.Lines).Select(l => (l.Kind, l.OldLine, l.NewLine)));
        }

        foreach (var path in new[] { "plain.py", "crlf.py", "no_final_newline.py", "lone_cr.py", "blank_lines.py" })
        {
            var byPath = changes.Files.Single(f => f.Path == path);
            Assert.Equal(git[path].Hunks.SelectMany(h => h.Lines).Select(l => l.Text), byPath.Diff.Hunks.SelectMany(h => h.Lines).Select(l => l.Text));
        }

        Assert.True(changes.Files.Single(f => f.Path == "nul_early.py").IsBinary);
        Assert.False(changes.Files.Single(f => f.Path == "control.py").IsBinary);
    }

    // Many added files are read by several workers, each with a repository handle of its own: the result must be the
    // same as one reader's, in the same order, with each file's notice.
    [Fact]
    public void ManyAddedFiles_ReadOnSeveralThreads_KeepTheirOrderTextsAndNotices()
    {
        using var repo = new TempGitRepository();
        repo.Write("README.md", "base\n").Commit("base");
        repo.Checkout("feature", create: true);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 80; i++)
        {
            var path = $"pkg/m{i:D2}.py";
            expected[path] = $"value_{i} = {i}\n" + string.Concat(Enumerable.Repeat($"# line of {i}\n", i));
            repo.Write(path, expected[path]);
        }

        repo.WriteBytes("pkg/latin1.py", [(byte)'s', (byte)'=', 0xE9, (byte)'\n'])
            .WriteBytes("pkg/zz.bin", [1, 0, 2]);
        repo.Commit("add files");
        using var repository = new Repository(repo.Path);

        var changes = GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["feature"].Tip, FileLimits.Default);

        var gitOrder = repo.Git("-c core.quotepath=off diff --name-only main...feature").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(gitOrder, changes.Files.Select(f => f.Path));
        foreach (var (path, text) in expected)
        {
            var file = changes.Files.Single(f => f.Path == path);
            Assert.Equal(text, file.Text);
            Assert.Equal(text.Count(c => c == '\n'), file.Lines.AddedLines.Count);
        }

        Assert.Equal("latin1.py", Path.GetFileName(Assert.Single(changes.Notices).Path));
        Assert.False(changes.Files.Single(f => f.Path == "pkg/latin1.py").WasUtf8);
        Assert.True(changes.Files.Single(f => f.Path == "pkg/zz.bin").IsBinary);
    }

    // A 50 MB text file that the size limit skips cost 989 MB: the whole textual patch was built before the size check.
    [Fact]
    public void FilesOverTheSizeLimit_CostOnlyTheirHeader_TheOthersAreDiffed()
    {
        const int size = 20 * 1024 * 1024;
        var line = "x = " + new string('a', 70) + "\n";
        var big = string.Concat(Enumerable.Repeat(line, size / line.Length));
        using var repo = new TempGitRepository();
        repo.Write("old-big.py", big.Replace("x = a", "y = b", StringComparison.Ordinal)).Write("edited.py", Numbered(10)).Write("weird[1]*.py", Numbered(3)).Write("w1.py", Numbered(3)).Commit("base");
        repo.Checkout("feature", create: true)
            .Write("big.py", big)
            .Delete("old-big.py")
            .Write("edited.py", Numbered(10).Replace("line 4\n", "line four\n", StringComparison.Ordinal))
            .Write("weird[1]*.py", Numbered(4));
        repo.Commit("feature");
        using var repository = new Repository(repo.Path);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var changes = GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["feature"].Tip, FileLimits.Default);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(allocated < size / 4, $"reading the changes allocated {allocated:N0} bytes");
        var byPath = changes.Files.ToDictionary(f => f.Path);
        Assert.Equal(["big.py", "edited.py", "old-big.py", "weird[1]*.py"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((ChangeStatus.Added, "", big.Length), (byPath["big.py"].Status, byPath["big.py"].Text, (int)byPath["big.py"].SizeBytes));
        Assert.Empty(byPath["big.py"].Diff.Hunks);
        Assert.Equal((ChangeStatus.Deleted, null), (byPath["old-big.py"].Status, byPath["old-big.py"].Text));
        Assert.Equal([4], byPath["edited.py"].Lines.AddedLines);
        // Paths are literal, not patterns: "weird[1]*.py" does not drag w1.py in.
        Assert.Equal([4], byPath["weird[1]*.py"].Lines.AddedLines);
    }

    [Fact]
    public void BareRepository_Works()
    {
        var (repo, baseBranch, headBranch) = BuildRepository();
        using (repo)
        {
            var barePath = Directory.CreateTempSubdirectory("reviewbot-bare-").FullName;
            try
            {
                TempGitRepository.Run(barePath, $"clone -q --bare \"{repo.Path}\" .");
                using var repository = new Repository(barePath);
                var changes = GitChangeReader.Read(repository, repository.Branches[baseBranch].Tip, repository.Branches[headBranch].Tip, FileLimits.Default);

                Assert.Equal(Numbered(3, "new"), changes.Files.Single(f => f.Path == "src/Added.cs").Text);
            }
            finally
            {
                Directory.Delete(barePath, recursive: true);
            }
        }
    }

    [Fact]
    public void Submodule_IsMarked()
    {
        using var inner = new TempGitRepository();
        inner.Write("x.txt", "x\n").Commit("inner");
        using var repo = new TempGitRepository();
        repo.Write("a.cs", "class A {}\n").Commit("base");
        repo.Checkout("feature", create: true);
        repo.Git($"-c protocol.file.allow=always submodule add -q \"{inner.Path}\" vendor/inner");
        repo.Commit("add submodule");
        using var repository = new Repository(repo.Path);

        var changes = GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["feature"].Tip, FileLimits.Default);

        Assert.True(changes.Files.Single(f => f.Path == "vendor/inner").IsSubmodule);
        Assert.Null(changes.Files.Single(f => f.Path == "vendor/inner").Text);
    }

    [Fact]
    public void UnrelatedHistories_AreAClearError()
    {
        using var repo = new TempGitRepository();
        repo.Write("a.cs", "class A {}\n").Commit("one");
        repo.Git("checkout -q --orphan other");
        repo.Write("b.cs", "class B {}\n").Commit("two");
        using var repository = new Repository(repo.Path);

        var error = Assert.Throws<GitReviewException>(() =>
            GitChangeReader.Read(repository, repository.Branches["main"].Tip, repository.Branches["other"].Tip, FileLimits.Default));

        Assert.Contains("no common ancestor", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The added and context line sets as git itself reports them, worked out from hunk headers alone: with
    /// <c>-U0</c> every new-side range is added lines; with <c>-U3</c> every new-side range is added or context.
    /// </summary>
    private static Dictionary<string, (HashSet<int> Added, HashSet<int> Context)> ExpectedFromGit(TempGitRepository repo, string range)
    {
        var added = NewSideRanges(repo.Git($"-c core.quotepath=off diff -M --unified=0 {range}"));
        var shown = NewSideRanges(repo.Git($"-c core.quotepath=off diff -M --unified=3 {range}"));
        var result = new Dictionary<string, (HashSet<int>, HashSet<int>)>();
        foreach (var (path, lines) in shown)
        {
            var addedLines = added.GetValueOrDefault(path) ?? [];
            result[path] = (addedLines, [.. lines.Except(addedLines)]);
        }

        foreach (var path in added.Keys.Where(p => !result.ContainsKey(p))) result[path] = (added[path], []);
        return result;
    }

    private static Dictionary<string, HashSet<int>> NewSideRanges(string diff)
    {
        var result = new Dictionary<string, HashSet<int>>();
        string? current = null;
        foreach (var line in diff.Split('\n'))
        {
            var header = DiffHeader().Match(line);
            if (header.Success)
            {
                current = header.Groups[1].Value;
                result[current] = [];
                continue;
            }

            if (line.StartsWith("+++ /dev/null", StringComparison.Ordinal)) result.Remove(current!);
            var hunk = HunkHeader().Match(line);
            if (hunk.Success && current is not null && result.TryGetValue(current, out var set))
            {
                var start = int.Parse(hunk.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var count = hunk.Groups[2].Success ? int.Parse(hunk.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                for (var n = start; n < start + count; n++) set.Add(n);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^diff --git a/.* b/(.*)$")]
    private static partial Regex DiffHeader();

    [GeneratedRegex(@"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();
}
