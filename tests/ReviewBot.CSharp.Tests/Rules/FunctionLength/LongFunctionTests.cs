using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests.Rules.FunctionLength;

public sealed class LongFunctionTests
{
    private const string Id = "RBCS801";

    private static string Statements(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"        total += {i};\n\n"));

    [Fact]
    public void Flags_BodiesOverSixtyNonBlankLines_OnTheName()
    {
        var findings = Verify.Flags(Id, $$"""
            namespace Demo;

            public sealed class Importer
            {
                public [|Importer()
                {
                    var total = 0;
            {{Statements(61)}}
                }

                public int [|Import()
                {
                    var total = 0;
            {{Statements(60)}}
                    return total;
                }
            }
            """);
        Assert.Equal("Constructor 'Importer' has 62 lines in its body (> 60); split it into smaller functions.", findings[0].Message);
        Assert.Contains("Method 'Import' has 62 lines", findings[1].Message);
    }

    [Fact]
    public void NoFinding_SixtyLines_BlankLinesDoNotCount_AndConfiguredThreshold()
    {
        var code = $$"""
            namespace Demo;

            public sealed class Importer
            {
                public int Import()
                {
                    var total = 0;
            {{Statements(58)}}
                    return total;
                }
            }
            """;
        Verify.NoFinding(Id, code);
        Verify.NoFinding(Id, code.Replace("return total;", "total++;\n        total++;\n        return total;", StringComparison.Ordinal),
            context: new AnalysisContext { Thresholds = new AnalysisThresholds { MaxFunctionLines = 100 } });
    }
}
