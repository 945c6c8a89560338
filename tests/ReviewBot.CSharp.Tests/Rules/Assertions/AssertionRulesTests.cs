namespace ReviewBot.CSharp.Tests.Rules.Assertions;

/// <summary>The test frameworks are not among the review's references: <c>Assert</c> does not resolve, and the file's usings say which it is.</summary>
public sealed class BooleanAssertOfEqualityTests
{
    private const string Id = "RBCS601";

    [Fact]
    public void Flags_EqualityInBooleanAssertions_WithTheSpecificAssertion()
    {
        var findings = Verify.Flags(Id, """
            using System.Collections.Generic;
            using Xunit;

            namespace Demo.Tests;

            public enum Status { Open, Closed }

            public sealed class OrderTests
            {
                [Fact]
                public void Totals()
                {
                    var total = 30m;
                    var status = Status.Open;
                    var name = "a";
                    [|Assert.True(total == 30m);
                    [|Assert.False(status == Status.Closed);
                    [|Assert.True(3 != name.Length);
                    [|Assert.True(name == status.ToString());
                }
            }
            """);
        Assert.Equal("'Assert.True(total == 30m)' only says true or false when it fails; use 'Assert.Equal(30m, total)', which shows the values.", findings[0].Message);
        Assert.Equal("        Assert.Equal(30m, total);", findings[0].Suggestion!.Replacement);
        Assert.Contains("'Assert.NotEqual(Status.Closed, status)'", findings[1].Message);
        Assert.Contains("'Assert.NotEqual(3, name.Length)'", findings[2].Message);
        Assert.Contains("'Assert.Equal(status.ToString(), name)'", findings[3].Message);
    }

    [Fact]
    public void Flags_InNUnitAndMSTestStyles()
    {
        var nunit = Verify.Flags(Id, """
            using NUnit.Framework;

            namespace Demo.Tests;

            public sealed class OrderTests
            {
                [Test]
                public void Totals()
                {
                    var total = 3;
                    [|Assert.That(total == 3);
                }
            }
            """);
        Assert.Contains("'Assert.That(total, Is.EqualTo(3))'", nunit[0].Message);
        var mstest = Verify.Flags(Id, """
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            namespace Demo.Tests;

            [TestClass]
            public sealed class OrderTests
            {
                [TestMethod]
                public void Totals()
                {
                    var total = 3;
                    [|Assert.IsTrue(total == 3);
                }
            }
            """);
        Assert.Contains("'Assert.AreEqual(3, total)'", mstest[0].Message);
    }

    [Fact]
    public void NoFinding_ReferenceEqualityUnresolvedTypesNullChecksMessagesAndNonTestCode()
    {
        Verify.NoFinding(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class Node { }

            public sealed class OrderTests
            {
                [Fact]
                public void Totals()
                {
                    var a = new Node();
                    var b = new Node();
                    var flag = true;
                    var total = 3;
                    Assert.True(a == b);
                    Assert.True(Unknown.Value == Other.Value);
                    Assert.True(a == null);
                    Assert.True(flag == true);
                    Assert.True(total == 3, "total");
                    Assert.True(total > 2);
                }
            }
            """);
        Verify.NoFinding(Id, """
            namespace Demo;

            public static class Assert
            {
                public static void True(bool value) { }
            }

            public static class Checks
            {
                public static void Run(int total) => Assert.True(total == 3);
            }
            """, path: "tests/Demo.Tests/Checks.cs");
    }
}

public sealed class BooleanAssertOfContainsTests
{
    private const string Id = "RBCS602";

    [Fact]
    public void Flags_ContainsOnStringsAndCollections()
    {
        var findings = Verify.Flags(Id, """
            using System.Collections.Generic;
            using System.Linq;
            using Xunit;

            namespace Demo.Tests;

            public sealed class NameTests
            {
                [Fact]
                public void Names()
                {
                    var names = new List<string> { "Ada" };
                    var message = "ok";
                    IEnumerable<string> query = names.Where(n => n.Length > 0);
                    [|Assert.True(names.Contains("Ada"));
                    [|Assert.False(message.Contains("error"));
                    [|Assert.True(query.Contains("Ada"));
                }
            }
            """);
        Assert.Equal("        Assert.Contains(\"Ada\", names);", findings[0].Suggestion!.Replacement);
        Assert.Contains("'Assert.DoesNotContain(\"error\", message)'", findings[1].Message);
    }

    [Fact]
    public void NoFinding_NonCollectionsUnresolvedComparersAndKeys()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.Collections.Generic;
            using Xunit;

            namespace Demo.Tests;

            public sealed class Range
            {
                public bool Contains(int value) => value > 0;
            }

            public sealed class NameTests
            {
                [Fact]
                public void Names()
                {
                    var range = new Range();
                    var map = new Dictionary<string, int>();
                    var message = "ok";
                    Assert.True(range.Contains(3));
                    Assert.True(map.ContainsKey("a"));
                    Assert.True(message.Contains("OK", StringComparison.OrdinalIgnoreCase));
                    Assert.True(Unknown.Items.Contains(3));
                }
            }
            """);
    }
}

public sealed class BooleanAssertOfNullTests
{
    private const string Id = "RBCS603";

    [Fact]
    public void Flags_NullChecksInBooleanAssertions()
    {
        var findings = Verify.Flags(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class UserTests
            {
                [Fact]
                public void Users()
                {
                    object? user = Unknown.Find();
                    [|Assert.True(user == null);
                    [|Assert.False(user != null);
                    [|Assert.False(user is null);
                    [|Assert.True(user is not null);
                    [|Assert.True(null != user);
                }
            }
            """);
        Assert.Equal("        Assert.Null(user);", findings[0].Suggestion!.Replacement);
        Assert.Contains("'Assert.Null(user)'", findings[1].Message);
        Assert.Contains("'Assert.NotNull(user)'", findings[2].Message);
        Assert.Contains("'Assert.NotNull(user)'", findings[3].Message);
        Assert.Contains("'Assert.NotNull(user)'", findings[4].Message);
    }

    [Fact]
    public void NoFinding_SpecificAssertionsAndOtherComparisons()
    {
        Verify.NoFinding(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class UserTests
            {
                [Fact]
                public void Users()
                {
                    object? user = Unknown.Find();
                    Assert.Null(user);
                    Assert.True(user == Unknown.Other);
                    Assert.True(user is string);
                }
            }
            """);
    }
}

public sealed class BooleanAssertOfEmptyTests
{
    private const string Id = "RBCS604";

    [Fact]
    public void Flags_EmptinessChecks()
    {
        var findings = Verify.Flags(Id, """
            using System.Collections.Generic;
            using System.Linq;
            using Xunit;

            namespace Demo.Tests;

            public sealed class ErrorTests
            {
                [Fact]
                public void Errors()
                {
                    var errors = new List<string>();
                    var items = new[] { 1 };
                    [|Assert.True(errors.Count == 0);
                    [|Assert.True(!errors.Any());
                    [|Assert.True(items.Any());
                    [|Assert.True(items.Length > 0);
                    [|Assert.False(errors.Count() != 0);
                }
            }
            """);
        Assert.Equal("        Assert.Empty(errors);", findings[0].Suggestion!.Replacement);
        Assert.Contains("'Assert.Empty(errors)'", findings[1].Message);
        Assert.Contains("'Assert.NotEmpty(items)'", findings[2].Message);
        Assert.Contains("'Assert.NotEmpty(items)'", findings[3].Message);
        Assert.Contains("'Assert.Empty(errors)'", findings[4].Message);
    }

    [Fact]
    public void NoFinding_PredicatesOtherCountsAndUnresolvedTypes()
    {
        Verify.NoFinding(Id, """
            using System.Collections.Generic;
            using System.Linq;
            using Xunit;

            namespace Demo.Tests;

            public sealed class Page
            {
                public int Count { get; set; }
            }

            public sealed class ErrorTests
            {
                [Fact]
                public void Errors()
                {
                    var errors = new List<string>();
                    var page = new Page();
                    Assert.True(errors.Any(e => e.Length > 3));
                    Assert.True(errors.Count == 2);
                    Assert.True(page.Count == 0);
                    Assert.True(Unknown.Items.Count == 0);
                    Assert.True(errors.Count < 0);
                }
            }
            """);
    }
}

public sealed class LiteralAsActualValueTests
{
    private const string Id = "RBCS605";

    [Fact]
    public void Flags_ConstantPassedAsActual()
    {
        var findings = Verify.Flags(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class OrderTests
            {
                private const string Name = "Ada";

                [Fact]
                public void Lines()
                {
                    var count = Unknown.Count();
                    Assert.Equal(count, [|3);
                    Assert.NotEqual(Unknown.Name, [|Name);
                }
            }
            """);
        Assert.Equal("'Assert.Equal' takes the expected value first, but the constant '3' is passed as the actual value; swap the arguments.", findings[0].Message);
        Assert.Equal("        Assert.Equal(3, count);", findings[0].Suggestion!.Replacement);
    }

    [Fact]
    public void Flags_MSTest_RecognisedByItsAttributes_WhenItsUsingsAreGlobal()
    {
        Verify.Flags(Id, """
            namespace Demo.Tests;

            [TestClass]
            public sealed class BasketTests
            {
                [TestMethod]
                public void Counts()
                {
                    var items = Unknown.Items();
                    Assert.AreEqual(items.Count(), [|0);
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_RightOrder_BothConstant_NullAndPrecisionOverloads()
    {
        Verify.NoFinding(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class OrderTests
            {
                [Fact]
                public void Lines()
                {
                    var count = Unknown.Count();
                    Assert.Equal(3, count);
                    Assert.Equal(1, 1);
                    Assert.Equal(count, null);
                    Assert.Equal(count, 2.5, 1);
                    Assert.Same(count, "x");
                }
            }
            """);
    }
}

public sealed class BooleanAssertOfTypeCheckTests
{
    private const string Id = "RBCS606";

    [Fact]
    public void Flags_TypeTests_WithExactOrAssignableAssertion()
    {
        var findings = Verify.Flags(Id, """
            using Xunit;

            namespace Demo.Tests;

            public class Result { }
            public sealed class NotFound : Result { }

            public sealed class ResultTests
            {
                [Fact]
                public void Results()
                {
                    object result = new NotFound();
                    [|Assert.True(result is NotFound);
                    [|Assert.True(result is Result);
                    [|Assert.True(result is Unknown.Type);
                }
            }
            """);
        Assert.Equal("        Assert.IsType<NotFound>(result);", findings[0].Suggestion!.Replacement);
        Assert.Contains("'Assert.IsAssignableFrom<Result>(result)'", findings[1].Message);
        Assert.Contains("'Assert.IsAssignableFrom<Unknown.Type>(result)'", findings[2].Message);
    }

    [Fact]
    public void NoFinding_NegatedTestsPatternsWithDesignationsAndNonTestCode()
    {
        Verify.NoFinding(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class ResultTests
            {
                [Fact]
                public void Results()
                {
                    object result = "";
                    Assert.False(result is string);
                    Assert.True(result is string { Length: 0 });
                    Assert.True(result is string text && text.Length == 0);
                }
            }
            """);
    }
}
