using ReviewBot.Engine.Config;

namespace ReviewBot.Engine.Tests.Config;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.g.cs", "src/Model.g.cs", true)]
    [InlineData("*.g.cs", "src/Model.cs", false)]
    [InlineData("src/Generated/**", "src/Generated/a/b.cs", true)]
    [InlineData("src/Generated/**", "lib/src/Generated/b.cs", false)]
    [InlineData("**/migrations/*.py", "app/db/migrations/0001.py", true)]
    [InlineData("**/migrations/*.py", "migrations/0001.py", true)]
    [InlineData("vendor/", "vendor/x/y.py", true)]
    [InlineData("vendor", "lib/vendor/y.py", true)]
    [InlineData("docs/*.py", "docs/a/b.py", false)]
    [InlineData("test_?.py", "tests/test_a.py", true)]
    [InlineData("*.{cs,py}", "a/b.py", true)]
    public void IsMatch(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new Glob(pattern).IsMatch(path));
    }
}
