namespace ReviewBot.CSharp.Tests.Rules.TestStyle;

public sealed class AsyncVoidTestMethodTests
{
    private const string Id = "RBCS901";

    [Fact]
    public void Flags_AsyncVoidTests_WithATaskSuggestion()
    {
        var findings = Verify.Flags(Id, """
            using System.Threading.Tasks;
            using Xunit;

            namespace Demo.Tests;

            public sealed class StoreTests
            {
                [Fact]
                public async void [|Saves()
                {
                    await Task.Yield();
                }
            }
            """);
        Assert.Equal("Test 'Saves' is async void, so the runner cannot await it; return 'Task'.", findings[0].Message);
        Assert.Equal("    public async Task Saves()", findings[0].Suggestion!.Replacement);
    }

    [Fact]
    public void NoFinding_AsyncTaskTests_AndAsyncVoidEventHandlers()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.Threading.Tasks;
            using Xunit;

            namespace Demo.Tests;

            public sealed class StoreTests
            {
                [Fact]
                public async Task Saves() => await Task.Yield();

                private async void OnChanged(object sender, EventArgs e) => await Task.Yield();
            }
            """);
    }
}

public sealed class ThreadSleepInTestTests
{
    private const string Id = "RBCS902";

    [Fact]
    public void Flags_ThreadSleepInTests()
    {
        var findings = Verify.Flags(Id, """
            using System.Threading;
            using Xunit;

            namespace Demo.Tests;

            public sealed class QueueTests
            {
                [Fact]
                public void Drains()
                {
                    [|Thread.Sleep(500);
                    Assert.True(true);
                }
            }
            """);
        Assert.Equal("'Thread.Sleep' in 'Drains' makes tests slow and flaky; wait for the condition itself or use a fake 'TimeProvider'.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_OutsideTests_AndOtherSleeps()
    {
        Verify.NoFinding(Id, """
            using System.Threading;

            namespace Demo;

            public static class Backoff
            {
                public static void Wait() => Thread.Sleep(100);
            }
            """);
        Verify.NoFinding(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class QueueTests
            {
                [Fact]
                public void Drains()
                {
                    Clock.Sleep(500);
                    Assert.True(true);
                }
            }

            public static class Clock
            {
                public static void Sleep(int milliseconds) { }
            }
            """);
    }
}

public sealed class TestWithoutAssertionTests
{
    private const string Id = "RBCS903";

    [Fact]
    public void Flags_TestsThatCheckNothing()
    {
        var findings = Verify.Flags(Id, """
            using Xunit;

            namespace Demo.Tests;

            public sealed class CartTests
            {
                [Fact]
                public void [|Applies_discount()
                {
                    var cart = new Cart();
                    var total = cart.Total("SPRING");
                    new Cart().Total("x");
                }

                [Fact]
                public void [|Empty() { }
            }
            """);
        Assert.Equal("Test 'Applies_discount' asserts nothing, so it passes whatever the code does; assert on the outcome.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_AssertionsMocksHelpersThrowsAndExpectedResults()
    {
        Verify.NoFinding(Id, """
            using System;
            using NUnit.Framework;

            namespace Demo.Tests;

            public sealed class CartTests
            {
                [Test]
                public void A() => Assert.That(1, Is.EqualTo(1));

                [Test]
                public void B() { var mock = Unknown.Mock(); mock.Verify(m => m.Save()); }

                [Test]
                public void C() { var total = Unknown.Total(); total.Should().Be(3); }

                [Test]
                public void D() => CheckTotals(3);

                [Test]
                public void E() { if (Unknown.Total() != 3) throw new InvalidOperationException(); }

                [TestCase(1, ExpectedResult = 2)]
                public int F(int x) => x + 1;

                [Test]
                public void G() => TestHelpers.RunScenario("checkout");

                [Test]
                public void H() => RunInherited();

                private static void CheckTotals(int expected) => Assert.That(expected, Is.Positive);
            }
            """);
    }
}

public sealed class PerTestExpensiveSetupTests
{
    private const string Id = "RBCS904";

    [Fact]
    public void Flags_BlockingAsyncSetup_AndServersStartedPerTest()
    {
        var findings = Verify.Flags(Id, """
            using System;
            using Xunit;

            namespace Demo.Tests;

            public sealed class DbTests
            {
                private readonly Db _db = new();

                public [|DbTests()
                {
                    _db.MigrateAsync().GetAwaiter().GetResult();
                }

                [Fact]
                public void Reads() => Assert.NotNull(_db);
            }

            public sealed class ApiTests : IDisposable
            {
                private readonly WebApplicationFactory<Program> _factory;

                public [|ApiTests()
                {
                    _factory = new WebApplicationFactory<Program>();
                }

                public void Dispose() => _factory.Dispose();

                [Fact]
                public void Serves() => Assert.NotNull(_factory);
            }
            """);
        Assert.Equal("The constructor of test class 'DbTests' blocks on async setup before every test; implement 'IAsyncLifetime' and do it in 'InitializeAsync'.", findings[0].Message);
        Assert.Equal("Test class 'ApiTests' creates a 'WebApplicationFactory' for every test; share one through 'IClassFixture<T>'.", findings[1].Message);
    }

    [Fact]
    public void NoFinding_FixturesLightSetupAndNonXunit()
    {
        Verify.NoFinding(Id, """
            using System.Collections.Generic;
            using Xunit;

            namespace Demo.Tests;

            public sealed class ApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
            {
                [Fact]
                public void Serves() => Assert.NotNull(factory);
            }

            public sealed class ListTests
            {
                private readonly List<int> _items;

                public ListTests() { _items = new List<int> { 1 }; }

                [Fact]
                public void Counts() => Assert.Single(_items);
            }
            """);
    }
}

public sealed class SetUpTearDownOfOneObjectTests
{
    private const string Id = "RBCS905";

    [Fact]
    public void Flags_SetUpAndTearDownOfOneObject()
    {
        var findings = Verify.Flags(Id, """
            using System.Net.Http;
            using NUnit.Framework;

            namespace Demo.Tests;

            public sealed class ClientTests
            {
                private HttpClient _client = null!;

                [SetUp]
                public void [|Create() => _client = new HttpClient();

                [TearDown]
                public void Destroy() => _client?.Dispose();

                [Test]
                public void Sends() => Assert.That(_client, Is.Not.Null);
            }
            """);
        Assert.Equal("'[SetUp] Create' only creates '_client' and '[TearDown] Destroy' only disposes it; create it once with [OneTimeSetUp]/[OneTimeTearDown].", findings[0].Message);
    }

    [Fact]
    public void NoFinding_MoreSetup_TestsReassigning_OrXunit()
    {
        Verify.NoFinding(Id, """
            using System.Net.Http;
            using NUnit.Framework;

            namespace Demo.Tests;

            public sealed class ClientTests
            {
                private HttpClient _client = null!;

                [SetUp]
                public void Create() => _client = new HttpClient();

                [TearDown]
                public void Destroy() => _client.Dispose();

                [Test]
                public void Sends() { _client = new HttpClient(); Assert.That(_client, Is.Not.Null); }
            }

            public sealed class OtherTests
            {
                private HttpClient _client = null!;

                [SetUp]
                public void Create()
                {
                    _client = new HttpClient();
                    _client.Timeout = System.TimeSpan.FromSeconds(1);
                }

                [TearDown]
                public void Destroy() => _client.Dispose();

                [Test]
                public void Sends() => Assert.That(_client, Is.Not.Null);
            }
            """);
    }
}
