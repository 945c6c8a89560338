using ReviewBot.Jobs;

namespace ReviewBot.Tests.App;

/// <summary>Which comment lines are <c>/reviewbot</c> commands.</summary>
public sealed class SlashCommandTests
{
    [Theory]
    [InlineData("/reviewbot rerun", "rerun")]
    [InlineData("Please look again.\r\n/reviewbot RERUN please", "rerun")]
    [InlineData("  /reviewbot help", "help")]
    [InlineData("/reviewbot", "help")]
    [InlineData("/reviewbot frobnicate", "frobnicate")]
    [InlineData("```\n/reviewbot help\n```\n/reviewbot rerun", "rerun")]
    public void CommandLine_Parsed(string body, string expected) => Assert.Equal(expected, SlashCommands.Parse(body));

    [Theory]
    [InlineData("")]
    [InlineData("Thanks! I'll run /reviewbot rerun later")]
    [InlineData("> /reviewbot rerun")]
    [InlineData(">/reviewbot rerun")]
    [InlineData("```\n/reviewbot rerun\n```")]
    [InlineData("~~~text\n/reviewbot rerun\n~~~")]
    [InlineData("````\n```\n/reviewbot rerun\n````")]
    [InlineData("    /reviewbot rerun")]
    [InlineData("\t/reviewbot rerun")]
    [InlineData("/reviewbots rerun")]
    public void NoCommandLine_Null(string body) => Assert.Null(SlashCommands.Parse(body));
}
