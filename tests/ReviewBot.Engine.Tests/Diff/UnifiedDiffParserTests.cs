using ReviewBot.Engine.Diff;

namespace ReviewBot.Engine.Tests.Diff;

public sealed class UnifiedDiffParserTests
{
    [Fact]
    public void ParseHunks_MultipleHunks_NumbersBothSides()
    {
        const string patch = """
            @@ -1,3 +1,4 @@ class A
             one
            -two
            +TWO
            +two and a half
             three
            @@ -10,2 +11,3 @@
             ten
            +ten and a half
             eleven
            """;

        var hunks = UnifiedDiffParser.ParseHunks(patch);

        Assert.Equal(2, hunks.Count);
        Assert.Equal((1, 3, 1, 4), (hunks[0].OldStart, hunks[0].OldCount, hunks[0].NewStart, hunks[0].NewCount));
        Assert.Equal("class A", hunks[0].Section);
        var map = LineMap.FromHunks(hunks);
        Assert.Equal([2, 3, 12], map.AddedLines.Order());
        Assert.Equal([1, 4, 11, 13], map.ContextLines.Order());
        var deleted = Assert.Single(hunks[0].Lines, l => l.Kind == DiffLineKind.Deleted);
        Assert.Equal((2, (int?)null), (deleted.OldLine!.Value, deleted.NewLine));
    }

    [Fact]
    public void ParseHunks_NoNewlineMarkers_AreNotLines()
    {
        const string patch = "@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n";

        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks(patch));

        Assert.Equal(2, hunk.Lines.Count);
        Assert.Equal([1], LineMap.FromHunks([hunk]).AddedLines);
    }

    [Fact]
    public void ParseHunks_ZeroLengthOldSide_NewFile()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -0,0 +1,2 @@\n+a\n+b\n"));

        Assert.Equal((0, 0, 1, 2), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal([1, 2], LineMap.FromHunks([hunk]).AddedLines.Order());
    }

    [Fact]
    public void ParseHunks_ZeroLengthNewSide_PureDeletion()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -3,2 +2,0 @@\n-gone\n-also gone\n"));

        Assert.Equal([3, 4], hunk.Lines.Select(l => l.OldLine!.Value));
        Assert.Empty(LineMap.FromHunks([hunk]).AddedLines);
        Assert.Empty(LineMap.FromHunks([hunk]).ContextLines);
    }

    [Fact]
    public void Parse_GitDiff_RenameAddDeleteBinaryAndQuotedPath()
    {
        const string diff = """
            diff --git a/src/Old.cs b/src/New.cs
            similarity index 90%
            rename from src/Old.cs
            rename to src/New.cs
            index 1111111..2222222 100644
            --- a/src/Old.cs
            +++ b/src/New.cs
            @@ -1,2 +1,2 @@
             keep
            -before
            +after
            diff --git a/added.py b/added.py
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/added.py
            @@ -0,0 +1 @@
            +print(1)
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            index 4444444..0000000
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git a/logo.png b/logo.png
            index 5555555..6666666 100644
            Binary files a/logo.png and b/logo.png differ
            diff --git "a/t\303\251st.cs" "b/t\303\251st.cs"
            index 7777777..8888888 100644
            --- "a/t\303\251st.cs"
            +++ "b/t\303\251st.cs"
            @@ -1 +1 @@
            -x
            +y
            """;

        var files = UnifiedDiffParser.Parse(diff);

        Assert.Equal(5, files.Count);
        Assert.Equal(("src/New.cs", "src/Old.cs", ChangeStatus.Renamed), (files[0].Path, files[0].OldPath, files[0].Status));
        Assert.Equal([2], files[0].Lines.AddedLines);
        Assert.Equal(("added.py", (string?)null, ChangeStatus.Added), (files[1].Path, files[1].OldPath, files[1].Status));
        Assert.Equal(("gone.txt", ChangeStatus.Deleted), (files[2].Path, files[2].Status));
        Assert.True(files[3].IsBinary);
        Assert.Empty(files[3].Hunks);
        Assert.Equal("tést.cs", files[4].Path);
        Assert.Equal([1], files[4].Lines.AddedLines);
    }

    [Fact]
    public void Parse_SubmoduleEntry_IsMarked()
    {
        const string diff = """
            diff --git a/vendor/lib b/vendor/lib
            new file mode 160000
            index 0000000..abcdef0
            --- /dev/null
            +++ b/vendor/lib
            @@ -0,0 +1 @@
            +Subproject commit abcdef0123456789abcdef0123456789abcdef01
            """;

        var file = Assert.Single(UnifiedDiffParser.Parse(diff));

        Assert.True(file.IsSubmodule);
        Assert.Equal(ChangeStatus.Added, file.Status);
    }

    [Fact]
    public void Parse_DeletedLineThatLooksLikeAHeader_StaysInItsHunk()
    {
        const string diff = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,1 @@\n--- not a header\n keep\n";

        var file = Assert.Single(UnifiedDiffParser.Parse(diff));

        Assert.Equal(2, file.Hunks[0].Lines.Count);
        Assert.Equal(DiffLineKind.Deleted, file.Hunks[0].Lines[0].Kind);
    }

    [Theory]
    [InlineData("@@ -1 +1 @@", 1, 1, 1, 1)]
    [InlineData("@@ -0,0 +1,3 @@", 0, 0, 1, 3)]
    [InlineData("@@ -5,7 +5,0 @@ void M()", 5, 7, 5, 0)]
    public void ParseHunkHeader_OmittedCountsAreOne(string header, int oldStart, int oldCount, int newStart, int newCount)
    {
        var parsed = UnifiedDiffParser.ParseHunkHeader(header);

        Assert.Equal((oldStart, oldCount, newStart, newCount), (parsed.OldStart, parsed.OldCount, parsed.NewStart, parsed.NewCount));
    }

    [Fact]
    public void ParseHunkHeader_Garbage_Throws()
    {
        Assert.Throws<FormatException>(() => UnifiedDiffParser.ParseHunkHeader("@@ nonsense @@"));
    }
}
