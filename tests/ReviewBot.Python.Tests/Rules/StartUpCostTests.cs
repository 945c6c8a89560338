using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;
using ReviewBot.Python.Rules.Security;
using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

/// <summary>The start-up savings keep behaviour: the linear SQL test, the private-word index of the repository.</summary>
public sealed class StartUpCostTests
{
    // The pattern the rule used before it was made linear and source-generated: the oracle.
    private static readonly Regex FormerSql = new(
        @"\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from|drop\s+table|create\s+table|where\s)\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking);

    [Theory]
    [InlineData("SELECT * FROM users WHERE name = ")]
    [InlineData("select a\nfrom t")]
    [InlineData("select  from")]
    [InlineData("select from")]
    [InlineData("select x fromage")]
    [InlineData("selected items from the list")]
    [InlineData("from x select y")]
    [InlineData("UPDATE t SET a = ")]
    [InlineData("update  set")]
    [InlineData("update set")]
    [InlineData("please update the settings")]
    [InlineData("update the set")]
    [InlineData("INSERT   INTO t VALUES (")]
    [InlineData("insertinto")]
    [InlineData("DELETE FROM t")]
    [InlineData("drop table x")]
    [InlineData("create\ttable x")]
    [InlineData("where x")]
    [InlineData("nowhere x")]
    [InlineData("where ")]
    [InlineData("run {job}")]
    [InlineData("select x update y set z from")]
    [InlineData("")]
    public void LinearSqlTestAgreesWithTheFormerPattern(string text) =>
        Assert.Equal(FormerSql.IsMatch(text), SqlBuiltFromString.LooksLikeSql(text));

    [Fact]
    public void LinearSqlTestStaysFastOnPathologicalText()
    {
        var text = string.Concat(Enumerable.Repeat("select ", 200_000));
        Assert.False(SqlBuiltFromString.LooksLikeSql(text));
        Assert.True(SqlBuiltFromString.LooksLikeSql(text + " from"));
    }

    [Fact]
    public void RepositoryIndexFindsPrivateNamesInOtherFilesAndReusesReviewedText()
    {
        var snapshot = new InMemorySnapshot(new Dictionary<string, string>
        {
            ["pkg/a.py"] = "stale text",
            ["pkg/b.py"] = "from pkg.a import _helper\n_helper()\n",
            ["README.md"] = "_readme_only",
        });
        var reviewed = new[] { new SourceFile("pkg/a.py", "def _helper():\n    return _other\n") };
        var repository = new RepositoryText(snapshot, FileLimits.Default, reviewed);

        Assert.True(repository.ContainsElsewhere("pkg/a.py", "_helper"));
        Assert.False(repository.ContainsElsewhere("pkg/a.py", "_other"));
        Assert.True(repository.ContainsElsewhere("pkg/b.py", "_other"));
        Assert.False(repository.ContainsElsewhere("pkg/b.py", "_readme_only"));
        Assert.Throws<ArgumentException>(() => repository.ContainsElsewhere("pkg/a.py", "helper"));
    }

    [Fact]
    public void UnusedPrivateFunctionStillCountsPrivateWordsOfTheModule()
    {
        var context = new AnalysisContext { Repository = new InMemorySnapshot(new Dictionary<string, string> { ["pkg/other.py"] = "x = 1\n" }) };
        Assert.Equal([1], Lines("RBPY403", """
            def _unused():
                return 1
            def _used():
                return 2
            VALUE = 3 + _used()
            NAME = "x_unused"
            """, context: context));
    }
}
