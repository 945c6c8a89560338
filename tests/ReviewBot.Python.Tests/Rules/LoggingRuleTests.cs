using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class LoggingRuleTests
{
    [Fact]
    public void FStringInLogCallIsFlaggedWithALazySuggestion()
    {
        var findings = Findings("RBPY701", """
            import logging
            LOG = logging.getLogger(__name__)
            def evacuate(n, total):
                LOG.info(f"evacuated {n} of {total} servers (100%)")
                LOG.info(f"evacuated {n} of {total} {{servers}}")
            """);
        Assert.Equal([4, 5], findings.Select(f => f.StartLine));
        Assert.Null(findings[0].Suggestion);
        Assert.Equal("    LOG.info(\"evacuated %s of %s {servers}\", n, total)", findings[1].Suggestion!.Replacement);
        Assert.StartsWith("The 'info' call formats its message with an f-string", findings[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logging.warning(f\"x {a}\")\n")]
    [InlineData("self.logger.error(f\"x {a!r}\")\n")]
    [InlineData("logging.getLogger(__name__).debug(f\"x {a}\")\n")]
    [InlineData("LOG.log(logging.INFO, f\"x {a}\")\n")]
    [InlineData("_log.info(f\"{a:>10}\")\n")]
    public void FStringInLogCallFlagsEveryLoggerForm(string source) => Assert.Equal([1], Lines("RBPY701", "import logging\n" + source).Select(l => l - 1));

    [Theory]
    [InlineData("LOG.info(\"evacuated %s\", n)\n")]
    [InlineData("LOG.info(f\"constant\")\n")]
    [InlineData("print(f\"x {a}\")\n")]
    [InlineData("catalog.info(f\"x {a}\")\n")]
    [InlineData("LOG.info(\"x\", extra={\"a\": f\"{a}\"})\n")]
    public void NoFinding_FStringLookAlikes(string source) => Assert.Empty(Lines("RBPY701", source));

    [Fact]
    public void EagerFormatPercentGetsAMechanicalSuggestion()
    {
        var finding = Assert.Single(Findings("RBPY702", "LOG.info(\"evacuated %s of %s\" % (n, total))\n"));
        Assert.Equal("LOG.info(\"evacuated %s of %s\", n, total)", finding.Suggestion!.Replacement);
    }

    [Theory]
    [InlineData("LOG.warning(\"evacuated {}\".format(n))\n")]
    [InlineData("LOG.error(\"evacuated \" + str(n))\n")]
    [InlineData("logging.info(\"evacuated %d\" % n)\n")]
    [InlineData("LOG.info(\"evacuated \" \"all \" + \"of \" + str(n))\n")]
    public void EagerFormatIsFlagged(string source) => Assert.Equal([1], Lines("RBPY702", "import logging\n" + source).Select(l => l - 1));

    [Theory]
    [InlineData("LOG.info(\"evacuated %s\", n)\n")]
    [InlineData("LOG.info(MESSAGE + SUFFIX)\n")]
    [InlineData("LOG.info(\"evacuated every server \" + \"of the host\")\n")]
    [InlineData("LOG.info(\"a \" + \"b \" + \"c\")\n")]
    [InlineData("x = \"a %s\" % n\n")]
    public void NoFinding_EagerFormatLookAlikes(string source) => Assert.Empty(Lines("RBPY702", source));

    [Fact]
    public void LoggingExceptionOutsideHandlerIsFlagged() => Assert.Equal([7], Lines("RBPY703", """
        def f():
            failed = False
            try:
                run()
            except ValueError:
                failed = True
            LOG.exception("failed")
            return failed
        """));

    [Fact]
    public void NoFinding_LoggingExceptionInHandlerOrHelper() => Assert.Empty(Lines("RBPY703", """
        def f():
            try:
                run()
            except ValueError:
                LOG.exception("failed")
        def _report():
            LOG.exception("failed")
        """));

    [Fact]
    public void PrintInLibraryFunctionIsFlagged()
    {
        var finding = Assert.Single(Findings("RBPY704", """
            def evacuate(server):
                print("evacuating", server)
            """, path: "nova/compute/manager.py"));
        Assert.Equal(2, finding.StartLine);
        Assert.Equal("The function 'evacuate' prints to standard output; use a logger so the application chooses where messages go.", finding.Message);
    }

    [Theory]
    [InlineData("nova/tests/test_x.py", "def f():\n    print(1)\n")]
    [InlineData("tools/gen.py", "def f():\n    print(1)\n")]
    [InlineData("nova/manage.py", "def f():\n    print(1)\nif __name__ == '__main__':\n    f()\n")]
    [InlineData("nova/report.py", "import sys\ndef f():\n    print(1, file=sys.stderr)\n")]
    [InlineData("nova/report.py", "def print_summary():\n    print(1)\n")]
    [InlineData("nova/report.py", "def main():\n    print(1)\n")]
    public void NoFinding_PrintInTestsScriptsAndExplicitStreams(string path, string source) => Assert.Empty(Lines("RBPY704", source, path));
}
