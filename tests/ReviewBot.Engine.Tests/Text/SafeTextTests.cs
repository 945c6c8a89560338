using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Tests.Text;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("x\n::error::y.py", "x\\n::error::y.py")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("evil\u001b[2J.py", "evil\\u001B[2J.py")]
    [InlineData("rev\u202Egnp.py", "rev\\u202Egnp.py")]
    [InlineData("iso\u2066late\u2069.py", "iso\\u2066late\\u2069.py")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("c1\u0085next", "c1\\u0085next")]
    [InlineData("del\u007f", "del\\u007F")]
    public void ControlAndBidiCharacters_BecomeVisibleEscapes(string text, string expected) =>
        Assert.Equal(expected, SafeText.Escape(text));

    [Theory]
    [InlineData("src/app/models.py")]
    [InlineData("docs/café/日本語.py")]
    [InlineData("emoji 🎉 and spaces.py")]
    [InlineData("back\\slash and %0A literal.py")]
    [InlineData("")]
    public void NoFinding_OrdinaryText_IsReturnedAsItIs(string text) =>
        Assert.Same(text, SafeText.Escape(text));

    [Fact]
    public void MaxLength_CutsWithAnEllipsis()
    {
        Assert.Equal("abc…", SafeText.Escape("abcdef", 3));
        Assert.Equal("a\\n…", SafeText.Escape("a\nbcdef", 3));
        Assert.Equal("abc", SafeText.Escape("abc", 3));
    }
}
