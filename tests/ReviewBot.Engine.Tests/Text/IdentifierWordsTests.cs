using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Tests.Text;

public sealed class IdentifierWordsTests
{
    [Theory]
    [InlineData("get_value", "get|value")]
    [InlineData("MAX_SIZE", "MAX|SIZE")]
    [InlineData("getValue", "get|Value")]
    [InlineData("GetValue", "Get|Value")]
    [InlineData("HTTPServer", "HTTPServer")]
    [InlineData("myAPIKey", "my|APIKey")]
    [InlineData("__init__", "init")]
    [InlineData("reset_csrfToken2", "reset|csrf|Token2")]
    [InlineData("", "")]
    public void Split_AtUnderscoresAndBeforeACapitalAfterANonCapital(string name, string words)
    {
        Assert.Equal(words, string.Join('|', IdentifierWords.Split(name)));
    }

    [Fact]
    public void Lower_LowerCasesEachWord()
    {
        Assert.Equal(["db", "password"], IdentifierWords.Lower("dbPassword"));
    }
}
