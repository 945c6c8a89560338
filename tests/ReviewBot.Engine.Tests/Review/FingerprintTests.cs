using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Tests.Review;

public sealed class FingerprintTests
{
    private static readonly ReviewEngine Engine = new(new AnalyzerRegistry([new MarkerAnalyzer()]));

    [Fact]
    public void Fingerprint_SurvivesLinesInsertedAbove_AndWhitespaceChanges()
    {
        var before = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "x\nvalue = badName\n")])).Findings.Single();
        var after = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "new\nlines\nx\n   value  =  badName\n")])).Findings.Single();

        Assert.NotEqual(before.StartLine, after.StartLine);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ChangesWithTheFlaggedText_PathAndRule()
    {
        var a = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "badName one\n")])).Findings.Single();
        var b = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "badName two\n")])).Findings.Single();
        var c = Engine.Review(new ReviewInput([TestChanges.Added("b.txt", "badName one\n")])).Findings.Single();

        Assert.Equal(3, new[] { a.Fingerprint, b.Fingerprint, c.Fingerprint }.Distinct().Count());
    }

    [Fact]
    public void IdenticalLines_GetDistinctFingerprints()
    {
        var findings = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "badName\nbadName\n")])).Findings;

        Assert.Equal(2, findings.Select(f => f.Fingerprint).Distinct().Count());
        Assert.EndsWith(":2", findings[1].Fingerprint, StringComparison.Ordinal);
    }
}
