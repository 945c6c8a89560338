using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Tests;

public sealed class NestingDepthTests
{
    [Theory]
    [InlineData("class A { void M() { F((1)); } }", 4)]
    [InlineData("class A { int[] x = new int[] { 1 }; }", 2)]
    [InlineData("class A { string s = \"((((((\"; }", 1)]
    [InlineData("class A { string s = @\"(((\"\"(((\"; }", 1)]
    [InlineData("class A { string s = \"\"\"\n  ((( \"\" (((\n  \"\"\"; }", 1)]
    [InlineData("class A { char c = '('; string e = \"\\\"((\"; }", 1)]
    [InlineData("class A { // ((((\n /* [[[[ */ }", 1)]
    [InlineData("class A { string s = $\"{F(x)}\"; }", 1)]
    public void Of_CountsBracketsOutsideCommentsAndLiterals(string source, int expected)
    {
        Assert.Equal(expected, NestingDepth.Of(source));
    }

    [Theory]
    [InlineData("class A { int F() => a.B(c).D(e => e.F).G(); }", 26)]
    [InlineData("class A { int[] x = { 1, 2, 3 }; }", 5)]
    public void Scan_LongestRunOfTokensWithoutASeparator(string source, int expected)
    {
        Assert.Equal(expected, NestingDepth.Scan(source).LongestRun);
    }

    [Fact]
    public void Scan_BigArrayInitializer_IsNotALongRun()
    {
        var source = "class A { byte[] x = { " + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => (i % 256).ToString(System.Globalization.CultureInfo.InvariantCulture))) + " }; }";

        Assert.True(NestingDepth.Scan(source).LongestRun < 10);
    }

    [Fact]
    public void Of_DeepFile_IsLinear()
    {
        var source = "class D { int M() => " + string.Concat(Enumerable.Repeat("(\n", 100_000)) + "1" + string.Concat(Enumerable.Repeat(")\n", 100_000)) + "; }";

        Assert.Equal(100_001, NestingDepth.Of(source));
    }
}
