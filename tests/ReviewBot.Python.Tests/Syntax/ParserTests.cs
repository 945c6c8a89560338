using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Tests.Syntax;

public sealed class ParserTests
{
    private static ModuleNode Parse(string source) => Parser.ParseModule(PythonTestKit.Normalize(source));

    private static List<T> All<T>(Node root)
        where T : Node
    {
        var found = new List<T>();
        new Collect<T>(found).Visit(root);
        return found;
    }

    private sealed class Collect<T>(List<T> found) : SyntaxWalker
        where T : Node
    {
        public override void Visit(Node node)
        {
            if (node is T t) found.Add(t);
            base.Visit(node);
        }
    }

    [Fact]
    public void ParsesPep701FStringsWithNestedSameQuotesAndFormatSpecs()
    {
        var module = Parse("""
            songs = ["a", "b"]
            x = f"{", ".join(songs)} and {f"{songs[0]!r:>{len(songs)}}"} {x=} {{literal}}"
            """);
        var names = All<NameExpression>(module).Select(n => (n.Id, n.Line, n.Column)).ToList();
        Assert.Contains(("songs", 2, 18), names);
        Assert.Equal(3, names.Count(n => n.Id == "songs" && n.Line == 2));
        Assert.Contains(names, n => n.Id == "len");
        Assert.Contains(names, n => n.Id == "x" && n.Line == 2 && n.Column > 40);
    }

    [Fact]
    public void ParsesPep701ConversionWhitespaceAndCommentsInFields()
    {
        var module = Parse("f\"{3!s  }\"\nf'{pi!r  :10.10}'\nf\"{1+two = # my comment\n  }\"\n");
        Assert.Equal(3, module.Body.Count);
        Assert.Contains(All<NameExpression>(module), n => n.Id == "two" && n.Line == 3);
    }

    [Fact]
    public void ParsesTypeParametersTypeAliasMatchExceptStarWalrusAndAsync()
    {
        var module = Parse("""
            type Pair[T] = tuple[T, T]
            def first[T: int, *Ts, **P](xs: list[T], /, *args: *Ts, key=None, **kw) -> T:
                return xs[0]
            class Box[T]:
                pass
            match command.split():
                case [("go" | "move") as verb, *rest] if (n := len(rest)) > 0:
                    pass
                case {"x": 1, **others}:
                    pass
                case Point(x=0, y=-1.5 + 2j) | None:
                    pass
                case _:
                    pass
            try:
                pass
            except* (ValueError, TypeError) as group:
                pass
            async def main():
                async with a as b, c:
                    async for x in y:
                        await z
                return [i async for i in g()]
            match = 1
            match(x)
            print(match, type)
            """);
        Assert.IsType<TypeAliasStatement>(module.Body[0]);
        var function = Assert.IsType<FunctionDefinition>(module.Body[1]);
        Assert.Equal(3, function.TypeParameters.Count);
        Assert.Equal(4, function.Parameters.Parameters.Count);
        var match = Assert.IsType<MatchStatement>(module.Body[3]);
        Assert.Equal(4, match.Cases.Count);
        Assert.True(Assert.IsType<TryStatement>(module.Body[4]).IsStar);
        Assert.IsType<AssignStatement>(module.Body[6]);
        Assert.IsType<ExpressionStatement>(module.Body[7]);
    }

    [Fact]
    public void ParsesStringFormsNumbersDecoratorsAndLineJoining()
    {
        var module = Parse("""
            x = (b'a' rb"\d" 'c' R'''d''' u"e"
                 '''multi
            line''')
            n = 1_000_000 + 0x_ff + 0b1010 + 1.5e-3j + .5 + 1. + 0o17
            @decorator(arg)
            @other.attr
            def f(): \
                pass
            y = [
                1,  # comment
            ]
            """);
        Assert.Equal(4, module.Body.Count);
        var function = Assert.IsType<FunctionDefinition>(module.Body[2]);
        Assert.Equal(7, function.Line);
        Assert.Equal(2, function.Decorators.Count);
        var text = Assert.IsType<StringExpression>(((AssignStatement)module.Body[0]).Value);
        Assert.Equal(6, text.Parts.Count);
        Assert.Equal("a\\dcdemulti\nline", text.Value);
    }

    [Theory]
    [InlineData("def f(:\n    pass\n", 1, 7)]
    [InlineData("x = (1,\n", 1, 5)]
    [InlineData("if x:\npass\n", 2, 1)]
    [InlineData("x = 'abc\n", 1, 5)]
    [InlineData("  x = 1\n", 1, 3)]
    [InlineData("f() = 1\n", 1, 1)]
    [InlineData("x = $\n", 1, 5)]
    public void ReportsSyntaxErrorsWithLineAndColumn(string source, int line, int column)
    {
        var error = Assert.ThrowsAny<Exception>(() => Parser.ParseModule(source));
        var syntax = Assert.IsType<SyntaxErrorException>(error);
        Assert.Equal((line, column), (syntax.Line, syntax.Column));
    }

    [Fact]
    public void DeepNestingBecomesALimitNoticeNotAStackOverflow()
    {
        var deep = "x = " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n";
        var output = new PythonAnalyzer().Analyze([new SourceFile("deep.py", deep)], AnalysisContext.Default, CancellationToken.None);
        var notice = Assert.Single(output.Notices);
        Assert.Equal(NoticeKind.LimitExceeded, notice.Kind);
        Assert.Empty(output.Findings);
    }

    [Fact]
    public void DeepUnaryChainsAndBlocksAreBounded()
    {
        var unary = "x = " + string.Concat(Enumerable.Repeat("not ", 50_000)) + "1\n";
        var blocks = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 300) + "pass\n";
        var lambdas = "f = " + string.Concat(Enumerable.Repeat("lambda: ", 50_000)) + "1\n";
        var chain = "x = 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000)) + "\n";
        var attributes = "x = a" + string.Concat(Enumerable.Repeat(".b", 100_000)) + "\n";
        var elifs = "if a:\n    pass\n" + string.Concat(Enumerable.Repeat("elif a:\n    pass\n", 100_000));
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(chain));
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(attributes));
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(elifs));
        var longButFine = Parser.ParseModule("x = 1" + string.Concat(Enumerable.Repeat(" + 1", 149)) + "\n");
        Assert.IsType<BinaryExpression>(Assert.IsType<AssignStatement>(Assert.Single(longButFine.Body)).Value);
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(unary));
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(blocks));
        Assert.Throws<NestingLimitException>(() => Parser.ParseModule(lambdas));
    }

    [Fact]
    public void SyntaxErrorBecomesAParseErrorNoticeAndOtherFilesAreStillReviewed()
    {
        var files = new[] { new SourceFile("bad.py", "def f(:\n"), new SourceFile("good.py", "import os\n") };
        var output = new PythonAnalyzer().Analyze(files, AnalysisContext.Default, CancellationToken.None);
        var notice = Assert.Single(output.Notices);
        Assert.Equal((NoticeKind.ParseError, "bad.py", 1, 7), (notice.Kind, notice.Path, notice.Line, notice.Column));
        Assert.Contains(output.Findings, f => f.Path == "good.py" && f.RuleId == "RBPY401");
        Assert.DoesNotContain(output.Findings, f => f.Path == "bad.py");
    }

    [Fact]
    public void PositionsCoverNodesAndIgnoreTrailingDedents()
    {
        var module = Parse("""
            def f(a):
                if a:
                    return 1

            x = 2
            """);
        var function = (FunctionDefinition)module.Body[0];
        Assert.Equal((1, 1, 3, 17), (function.Line, function.Column, function.EndLine, function.EndColumn));
        Assert.Equal(2, module.Body.Count);
    }
}
