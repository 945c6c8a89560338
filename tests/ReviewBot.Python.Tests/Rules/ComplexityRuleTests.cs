using ReviewBot.Engine.Analysis;
using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class ComplexityRuleTests
{
    private static string Branches(int count) =>
        "def decide(x):\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"    if x == {i}:\n        return {i}\n")) + "    return -1\n";

    [Fact]
    public void ComplexityAboveTheLimitIsFlaggedWithTheFigure()
    {
        var finding = Assert.Single(Findings("RBPY501", Branches(11)));
        Assert.Equal((1, 5), (finding.StartLine, finding.StartColumn));
        Assert.Equal("The function 'decide' has a cyclomatic complexity of 12, above the limit of 10; split it into smaller functions.", finding.Message);
    }

    [Fact]
    public void ComplexityCountsLoopsHandlersElifAndCases() => Assert.Single(Findings("RBPY501", """
        def f(x):
            for a in x:
                while a:
                    try:
                        pass
                    except ValueError:
                        pass
                    except TypeError:
                        pass
            if x:
                pass
            elif x > 1:
                pass
            match x:
                case 1: pass
                case 2: pass
                case 3: pass
            if x: pass
        """));

    [Fact]
    public void NoFinding_ComplexityAtTheLimit() => Assert.Empty(Lines("RBPY501", Branches(9)));

    // Each function's figure as flake8 5 with mccabe 0.7 (--max-complexity=0) printed it for mccabe_figures.py; nested
    // functions are counted in their encloser and not reported on their own, as there.
    [Fact]
    public void ComplexityFiguresAreMccabes()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rules", "mccabe_figures.py"));
        var figures = Findings("RBPY501", source, context: new AnalysisContext { Thresholds = new AnalysisThresholds { MaxComplexity = 1 } })
            .Select(f => f.Message.Split('\'')[1] + " " + f.Message.Split("complexity of ")[1].Split(',')[0]);
        Assert.Equal(
            ["plain_try 3", "try_else 3", "try_two 4", "try_finally_only 2", "nested_plain 2", "nested_if 3", "for_else 2", "nested_class 3", "elifs 3", "while_else 2", "with_try 4", "two_nested 4", "async_for 2", "with_finally 3"],
            figures);
    }

    [Fact]
    public void ComplexityLimitIsConfigurable() =>
        Assert.Single(Findings("RBPY501", Branches(4), context: new AnalysisContext { Thresholds = new AnalysisThresholds { MaxComplexity = 3 } }));

    [Fact]
    public void NestingPastTheLimitIsFlaggedOncePerFunction()
    {
        var finding = Assert.Single(Findings("RBPY502", """
            def release(servers, host, lock):
                for server in servers:
                    if server.host == host:
                        for port in server.ports:
                            if port.active:
                                with lock:
                                    if port.bound:
                                        pass
            """));
        Assert.Equal(6, finding.StartLine);
        Assert.Equal("The 'with' block in 'release' is nested 5 levels deep, above the limit of 4; return early or extract the inner part into a function.", finding.Message);
    }

    [Fact]
    public void NoFinding_ElifChainsAndFourLevels() => Assert.Empty(Lines("RBPY502", """
        def f(x):
            for a in x:
                if a == 1:
                    pass
                elif a == 2:
                    pass
                elif a == 3:
                    while a:
                        try:
                            pass
                        except ValueError:
                            pass
        """));

    [Fact]
    public void TestWithTooManyAssertionsIsFlagged()
    {
        var body = string.Concat(Enumerable.Range(0, 9).Select(i => $"        self.assertEqual({i}, {i})\n"));
        var finding = Assert.Single(Findings("RBPY503", "import unittest\nclass T(unittest.TestCase):\n    def test_many(self):\n" + body));
        Assert.Equal(3, finding.StartLine);
        Assert.Equal("The test 'test_many' makes 9 assertions, above the limit of 8; split it into tests that each check one behaviour.", finding.Message);
    }

    [Fact]
    public void NoFinding_EightAssertionsOrNotATest()
    {
        var eight = string.Concat(Enumerable.Range(0, 8).Select(i => $"        assert {i}\n"));
        var nine = string.Concat(Enumerable.Range(0, 9).Select(i => $"        self.assertEqual({i}, {i})\n"));
        Assert.Empty(Lines("RBPY503", "class TestX:\n    def test_eight(self):\n" + eight));
        Assert.Empty(Lines("RBPY503", "class Helper:\n    def check_all(self):\n" + nine));
    }

    [Fact]
    public void LongFunctionIsFlaggedOnItsDefLineWithTheFigure()
    {
        var body = string.Concat(Enumerable.Range(0, 61).Select(i => $"    x{i} = {i}\n"));
        var finding = Assert.Single(Findings("RBPY801", "def long_one():\n    '''Doc.'''\n    # comment\n\n" + body));
        Assert.Equal((1, 5), (finding.StartLine, finding.StartColumn));
        Assert.Equal("The function 'long_one' has 61 lines of code, above the limit of 60; extract its steps into smaller functions.", finding.Message);
        Assert.Equal(ReviewBot.Engine.Findings.Category.FunctionLength, finding.Category);
    }

    [Fact]
    public void NoFinding_SixtyLinesPlusBlankCommentsAndDocstring()
    {
        var body = string.Concat(Enumerable.Range(0, 60).Select(i => $"    x{i} = {i}\n\n    # note\n"));
        Assert.Empty(Lines("RBPY801", "def f():\n    '''Doc\n\n    more.\n    '''\n" + body));
    }
}
