using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests.Rules.Complexity;

public sealed class HighCyclomaticComplexityTests
{
    private const string Id = "RBCS501";

    private static string Conditions(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"        if (x == {i}) y++;\n"));

    [Fact]
    public void Flags_MethodOverTheThreshold_OnItsName_WithTheFigure()
    {
        var findings = Verify.Flags(Id, $$"""
            namespace Demo;

            public static class Pricing
            {
                public static int [|Price(int x, int? z)
                {
                    var y = 0;
            {{Conditions(8)}}
                    y += x > 3 && x < 9 ? 1 : 2;
                    return y + (z ?? 0);
                }
            }
            """);
        Assert.Equal("Method 'Price' has a cyclomatic complexity of 12 (> 10); split it into smaller methods.", findings[0].Message);
    }

    [Fact]
    public void Flags_Accessors_AndMethodsWithTheirLocalFunctions_AsMccabeAndCA1502Count()
    {
        Verify.Flags(Id, $$"""
            namespace Demo;

            public sealed class Pricing
            {
                private int x;

                public int Value
                {
                    [|get
                    {
                        var y = 0;
            {{Conditions(10)}}
                        return y;
                    }
                }

                public int [|Outer()
                {
                    return Inner(1);

                    int Inner(int x)
                    {
                        var y = 0;
            {{Conditions(10)}}
                        return y;
                    }
                }
            }
            """);
    }

    [Fact]
    public void LocalFunctions_AddTheirDecisionsToTheMethod()
    {
        // 1 + 6 in the method + 5 in its local function = 12: over 10, reported once, on the method.
        var findings = Verify.Flags(Id, $$"""
            namespace Demo;

            public static class Pricing
            {
                public static int [|Price(int x)
                {
                    var y = 0;
            {{Conditions(6)}}
                    return y + Extra(x);

                    static int Extra(int x)
                    {
                        var y = 0;
            {{Conditions(5)}}
                        return y;
                    }
                }

                public static int Small(int x)
                {
                    var y = 0;
            {{Conditions(4)}}
                    return y + Extra(x);

                    static int Extra(int x)
                    {
                        var y = 0;
            {{Conditions(5)}}
                        return y;
                    }
                }
            }
            """);
        Assert.Equal("Method 'Price' has a cyclomatic complexity of 12 (> 10); split it into smaller methods.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_AtTheThreshold_OrWithAHigherConfiguredThreshold()
    {
        var code = $$"""
            namespace Demo;

            public static class Pricing
            {
                public static int Price(int x)
                {
                    var y = 0;
            {{Conditions(8)}}
                    return y switch { 1 => 2, _ => 3 };
                }
            }
            """;
        Verify.NoFinding(Id, code);
        Verify.NoFinding(Id, code.Replace("if (x == 0) y++;", "if (x == 0 || x == 100) y++;", StringComparison.Ordinal),
            context: new AnalysisContext { Thresholds = new AnalysisThresholds { MaxComplexity = 11 } });
    }
}

public sealed class DeepNestingTests
{
    private const string Id = "RBCS502";

    [Fact]
    public void Flags_NestingDeeperThanFour()
    {
        var findings = Verify.Flags(Id, """
            using System.Collections.Generic;

            namespace Demo;

            public static class Orders
            {
                public static int [|Count(List<List<int>> orders)
                {
                    var n = 0;
                    foreach (var order in orders)
                    {
                        if (order.Count > 0)
                        {
                            foreach (var line in order)
                            {
                                if (line > 0)
                                {
                                    try
                                    {
                                        n++;
                                    }
                                    finally
                                    {
                                        n--;
                                    }
                                }
                            }
                        }
                    }

                    return n;
                }
            }
            """);
        Assert.Equal("Method 'Count' nests blocks 5 deep (> 4); flatten it with guard clauses or extracted methods.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_ElseIfChainsAndFourLevels()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public static class Grades
            {
                public static string Grade(int score, bool[] flags)
                {
                    foreach (var flag in flags)
                    {
                        if (flag)
                        {
                            while (score > 100)
                            {
                                if (score > 200) score -= 100;
                                else if (score > 150) score -= 50;
                                else if (score > 120) score -= 20;
                                else if (score > 110) score -= 10;
                                else if (score > 105) score -= 5;
                                else score--;
                            }
                        }
                    }

                    return score.ToString();
                }
            }
            """);
    }
}

public sealed class TooManyAssertionsTests
{
    private const string Id = "RBCS503";

    private static string Asserts(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"        Assert.Equal({i}, Unknown.Value({i}));\n"));

    [Fact]
    public void Flags_TestsWithMoreThanEightAssertions()
    {
        var findings = Verify.Flags(Id, $$"""
            using Xunit;

            namespace Demo.Tests;

            public sealed class OrderTests
            {
                [Fact]
                public void [|Order_works()
                {
            {{Asserts(7)}}
                    Unknown.Value(1).Should().Be(1);
                    Unknown.Value(2).Should().Be(2);
                    Unknown.Value(3).Should().Be(3);
                }
            }
            """);
        Assert.Equal("Test 'Order_works' makes 10 assertions (> 8); split it into tests of one behaviour each.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_EightAssertions_AndNonTestHelpers()
    {
        Verify.NoFinding(Id, $$"""
            using Xunit;

            namespace Demo.Tests;

            public sealed class OrderTests
            {
                [Fact]
                public void Order_works()
                {
            {{Asserts(8)}}
                }

                private static void Helper()
                {
            {{Asserts(12)}}
                }
            }
            """);
    }
}
