namespace Shop.Tests;

public sealed class Node
{
}

public sealed class OrderTests
{
    [Fact]
    public void Totals()
    {
        var total = 3;
        var items = new List<int> { 1 };
        string name = null;
        object value = "x";
        var node = new Node();
        var other = new Node();
        Assert.True(total == 3); // expect RBCS601
        Assert.True(items.Contains(1)); // expect RBCS602
        Assert.True(name == null); // expect RBCS603
        Assert.True(items.Count == 0); // expect RBCS604
        Assert.Equal(total, 3); // expect RBCS605
        Assert.True(value is string); // expect RBCS606
        Assert.Equal(3, total);
        Assert.True(node == other);
    }

    [Fact]
    public void Many() // expect RBCS503
    {
        Assert.Equal(0, 0 + 0);
        Assert.Equal(1, 1 + 0);
        Assert.Equal(2, 2 + 0);
        Assert.Equal(3, 3 + 0);
        Assert.Equal(4, 4 + 0);
        Assert.Equal(5, 5 + 0);
        Assert.Equal(6, 6 + 0);
        Assert.Equal(7, 7 + 0);
        Assert.Equal(8, 8 + 0);
    }

    [Fact]
    public async void Saves() // expect RBCS901
    {
        await Task.Yield();
        Assert.True(true);
    }

    [Fact]
    public void Waits()
    {
        Thread.Sleep(10); // expect RBCS902
        Assert.True(true);
    }

    [Fact]
    public void Nothing() // expect RBCS903
    {
        var list = new List<int>();
        list.Add(1);
    }

    [Fact]
    public void Helped() => Check(3);

    private static void Check(int expected) => Assert.Equal(expected, 3);
}

public sealed class DbTests
{
    private readonly Db _db = new();

    public DbTests() // expect RBCS904
    {
        _db.MigrateAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public void Reads() => Assert.NotNull(_db);
}

public sealed class Db
{
    public Task MigrateAsync() => Task.CompletedTask;
}
