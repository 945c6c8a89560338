using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class AssertionRuleTests
{
    private static string InTest(string line) => "import unittest\nclass T(unittest.TestCase):\n    def test_x(self):\n        " + line + "\n";

    [Theory]
    [InlineData("self.assertTrue(a == b)", "self.assertEqual(a, b)")]
    [InlineData("self.assertTrue(a != b, 'msg')", "self.assertNotEqual(a, b, 'msg')")]
    [InlineData("self.assertTrue(a in b)", "self.assertIn(a, b)")]
    [InlineData("self.assertTrue(a not in b)", "self.assertNotIn(a, b)")]
    [InlineData("self.assertTrue(a is None)", "self.assertIsNone(a)")]
    [InlineData("self.assertTrue(None is not a)", "self.assertIsNotNone(a)")]
    [InlineData("self.assertTrue(a is b)", "self.assertIs(a, b)")]
    [InlineData("self.assertTrue(isinstance(a, dict))", "self.assertIsInstance(a, dict)")]
    [InlineData("self.assertTrue(len(x) > 2)", "self.assertGreater(len(x), 2)")]
    [InlineData("self.assertFalse(a == b)", "self.assertNotEqual(a, b)")]
    [InlineData("self.assertFalse(a in b, msg=m)", "self.assertNotIn(a, b, msg=m)")]
    [InlineData("self.assertFalse(a is None)", "self.assertIsNotNone(a)")]
    [InlineData("self.assertFalse(isinstance(a, T))", "self.assertNotIsInstance(a, T)")]
    public void AssertTrueOnComparisonSuggestsTheSpecificAssertion(string line, string expected)
    {
        var finding = Assert.Single(Findings("RBPY601", InTest(line)));
        Assert.Equal(4, finding.StartLine);
        Assert.Equal("        " + expected, finding.Suggestion!.Replacement);
    }

    [Fact]
    public void AssertTrueOnComparisonMessageNamesTheCall() => Assert.Equal(
        "The call 'assertTrue(a == b)' hides the values on failure; use 'assertEqual' instead.",
        Assert.Single(Findings("RBPY601", InTest("self.assertTrue(a == b)"))).Message);

    [Theory]
    [InlineData("self.assertTrue(a)")]
    [InlineData("self.assertTrue(a == b == c)")]
    [InlineData("self.assertFalse(a < b)")]
    [InlineData("self.assertTrue(a and b)")]
    [InlineData("assert a == b")]
    [InlineData("checker.assertTrue(a == b)")]
    public void NoFinding_AssertTrueLookAlikes(string line) => Assert.Empty(Lines("RBPY601", InTest(line)));

    [Fact]
    public void AssertTrueOnComparisonWithoutSuggestionWhenSpanningLines()
    {
        var finding = Assert.Single(Findings("RBPY601", InTest("self.assertTrue(a ==\n            b)")));
        Assert.Null(finding.Suggestion);
    }

    [Theory]
    [InlineData("self.assertEquals(a, b)", "self.assertEqual(a, b)")]
    [InlineData("self.failUnless(x)", "self.assertTrue(x)")]
    [InlineData("self.assertItemsEqual(a, b)", "self.assertCountEqual(a, b)")]
    [InlineData("with self.assertRaisesRegexp(ValueError, 'x'):", "with self.assertRaisesRegex(ValueError, 'x'):")]
    public void DeprecatedAliasIsReplaced(string line, string expected)
    {
        var source = InTest(line) + (line.EndsWith(':') ? "            pass\n" : "");
        var finding = Assert.Single(Findings("RBPY602", source));
        Assert.Equal("        " + expected, finding.Suggestion!.Replacement);
    }

    [Fact]
    public void DeprecatedAliasMessageSaysWhatHappenedToIt()
    {
        Assert.Equal("The assertion 'assertEquals' is a deprecated alias that Python 3.12 removed; use 'assertEqual'.",
            Assert.Single(Findings("RBPY602", InTest("self.assertEquals(a, b)"))).Message);
        Assert.Contains("Python 2", Assert.Single(Findings("RBPY602", InTest("self.assertItemsEqual(a, b)"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self.assertEqual(a, b)")]
    [InlineData("self.assertEquals_helper(a, b)")]
    [InlineData("assertEquals(a, b)")]
    public void NoFinding_CurrentAssertionNames(string line) => Assert.Empty(Lines("RBPY602", InTest(line)));

    [Theory]
    [InlineData("self.assertTrue('ACTIVE', status)", "always passes")]
    [InlineData("self.assertTrue((a, b))", "always passes")]
    [InlineData("self.assertFalse(1)", "always fails")]
    [InlineData("self.assertTrue(0)", "always fails")]
    public void AssertOnLiteralIsFlagged(string line, string outcome) =>
        Assert.Contains(outcome, Assert.Single(Findings("RBPY603", InTest(line))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("self.assertTrue(status)")]
    [InlineData("self.assertTrue(status, 'server is active')")]
    [InlineData("self.assertFalse(None)")]
    public void NoFinding_AssertOnNonLiteral(string line) => Assert.Empty(Lines("RBPY603", InTest(line)));
}
