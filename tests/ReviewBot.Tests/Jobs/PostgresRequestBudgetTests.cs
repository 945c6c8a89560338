using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReviewBot.GitHub;
using ReviewBot.Jobs.Postgres;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// An installation's GitHub budget kept in PostgreSQL and shared by replicas: two budgets on one database (two
/// replicas), each with several senders, together never exceed the limit in any window, and a primary budget one
/// replica saw spent holds the other back until the reset.
/// </summary>
public sealed class PostgresRequestBudgetTests : IRunsOnPostgres, IDisposable
{
    private readonly TestDatabase _database = PostgresTestServer.CreateDatabase();
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public PostgresRequestBudgetTests()
    {
        using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _ = new PostgresJobStore(dataSource, TimeProvider.System); // migrates
    }

    [StoreFact]
    public async Task TwoReplicasSendingContentRequests_TogetherStayUnderTheLimit_InAnyWindow()
    {
        const int perWindow = 4;
        var window = TimeSpan.FromMilliseconds(500);
        var replicas = new[] { Budget(perWindow, window), Budget(perWindow, window) };
        var sent = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(replicas.SelectMany(budget => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await budget.WaitForTurnAsync(7, createsContent: true, CancellationToken.None);
                sent.Add(clock.Elapsed);
            }
        }))));
        await replicas[0].WaitForTurnAsync(8, createsContent: true, CancellationToken.None); // another installation: not held back
        var other = clock.Elapsed;

        // 24 requests at 4 a window: the last ones go in the sixth window at the earliest.
        var times = sent.Order().ToList();
        Assert.Equal(24, times.Count);
        Assert.True(times[^1] >= window * 5, $"24 requests went out within {times[^1]}");
        Assert.True(other - times[^1] < window, $"installation 8 waited {other - times[^1]}");
        // Seen from here, a little after each was granted: a window a little shorter than the budget's holds no more.
        for (var i = perWindow; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - perWindow] >= window - TimeSpan.FromMilliseconds(60), $"requests {i - perWindow} and {i}: {times[i - perWindow]} and {times[i]}");
        }
    }

    [StoreFact]
    public async Task APrimaryBudgetOneReplicaSawSpent_HoldsTheOtherBackUntilTheReset()
    {
        var seen = Budget(80, TimeSpan.FromMinutes(1));
        var other = Budget(80, TimeSpan.FromMinutes(1));
        var reset = DateTimeOffset.UtcNow.AddHours(1);
        await seen.RecordPrimaryAsync(7, new PrimaryBudget(2, reset), CancellationToken.None);
        await seen.RecordPrimaryAsync(7, new PrimaryBudget(5, reset), CancellationToken.None); // an older answer, late

        await other.WaitForTurnAsync(7, createsContent: false, CancellationToken.None);
        await seen.WaitForTurnAsync(7, createsContent: true, CancellationToken.None);
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.WaitForTurnAsync(7, createsContent: false, patience.Token).AsTask());
        await other.WaitForTurnAsync(8, createsContent: false, CancellationToken.None);

        // The next window's figure (a response after the reset) lifts it.
        await other.RecordPrimaryAsync(7, new PrimaryBudget(150, reset.AddHours(1)), CancellationToken.None);
        await seen.WaitForTurnAsync(7, createsContent: false, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
    }

    [StoreFact]
    public async Task APrimaryBudgetThatResets_LetsRequestsGoAgain()
    {
        var budget = Budget(80, TimeSpan.FromMinutes(1));
        await budget.RecordPrimaryAsync(7, new PrimaryBudget(0, DateTimeOffset.UtcNow.AddSeconds(1.5)), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await budget.WaitForTurnAsync(7, createsContent: false, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"went after {clock.Elapsed}");
    }

    private PostgresRequestBudget Budget(int perWindow, TimeSpan window)
    {
        var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresRequestBudget(dataSource, perWindow, window, NullLogger<PostgresRequestBudget>.Instance);
    }

    public void Dispose()
    {
        foreach (var dataSource in _dataSources) dataSource.Dispose();
        _database.Dispose();
    }
}
