using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Tests.Text;

public sealed class LineIndexTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a\n", 1)]
    [InlineData("a\nb", 2)]
    [InlineData("a\r\nb\r\n", 2)]
    [InlineData("a\rb\r", 2)]
    [InlineData("\n\n", 2)]
    public void Count_MatchesGitLineCounting(string text, int expected)
    {
        Assert.Equal(expected, new LineIndex(text).Count);
    }

    [Fact]
    public void GetLine_StripsTerminators()
    {
        var lines = new LineIndex("first\r\nsecond\nthird");

        Assert.Equal(["first", "second", "third"], Enumerable.Range(1, 3).Select(lines.GetLine));
        Assert.Equal("", lines.GetLine(4));
        Assert.Equal((2, 3), lines.Position("first\r\nse".Length));
    }

    [Fact]
    public void Decode_InvalidUtf8_FallsBackToLatin1WithoutLosingLines()
    {
        byte[] bytes = [(byte)'a', 0xE9, (byte)'\n', (byte)'b'];

        var text = SourceDecoder.Decode(bytes, out var wasUtf8);

        Assert.False(wasUtf8);
        Assert.Equal("aé\nb", text);
    }

    [Fact]
    public void Decode_Utf8Bom_IsDropped()
    {
        var text = SourceDecoder.Decode([0xEF, 0xBB, 0xBF, (byte)'x'], out var wasUtf8);

        Assert.True(wasUtf8);
        Assert.Equal("x", text);
    }
}
