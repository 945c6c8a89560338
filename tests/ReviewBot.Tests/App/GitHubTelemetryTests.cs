using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>
/// What GitHub's requests record, listened to on the App's meter while real requests go to the strict fake: in the
/// collection of <see cref="TelemetryTests"/>, as the meter is the process's.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class GitHubTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private AppHarness _harness = null!;

    public GitHubTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ReviewBot") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public async Task InitializeAsync() => _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    [Theory]
    [InlineData("/api/repos/octo/hello/pulls/12/reviews", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews")]
    [InlineData("/api/repos/octo/hello/issues/comments/99", "/repos/{owner}/{repo}/issues/comments/{comment_id}")]
    [InlineData("/api/repos/octo/hello/issues/12/comments", "/repos/{owner}/{repo}/issues/{issue_number}/comments")]
    [InlineData("/api/repos/octo/hello/contents/src/deep/.reviewbot.yml", "/repos/{owner}/{repo}/contents/{path}")]
    [InlineData("/api/app/installations/7/access_tokens", "/app/installations/{installation_id}/access_tokens")]
    [InlineData("/api/repos/octo/hello/commits/abc123/check-runs", "/repos/{owner}/{repo}/commits/{ref}/check-runs")]
    [InlineData("/api/repos/octo/hello/secret-things/1", "other")]
    [InlineData("/api/repos/octo/hello/pulls/12/reviews/extra", "other")]
    [InlineData("/elsewhere/repos/octo/hello/pulls/12", "other")]
    [InlineData("/api/repos/octo/hello/contents", "other")]
    public void Template_NamesTheEndpoint_NeverAValueOfIt(string path, string expected)
    {
        var telemetry = new GitHubRequestTelemetry(new Uri("https://ghe.example/api/"));
        Assert.Equal(expected, telemetry.Template(path));
    }

    [Fact]
    public async Task EveryAttempt_IsMeasured_AndRetriesCountedByReason()
    {
        _harness.OpenPullRequest(EndToEndTests.FirstChange);
        using var clients = new GitHubClients(
            Options.Create(new GitHubAppOptions
            {
                AppId = _harness.GitHub.AppId,
                PrivateKey = _harness.GitHub.PrivateKeyPem,
                WebhookSecret = AppHarness.Secret,
                ApiUrl = _harness.GitHub.ApiUrl,
            }),
            Options.Create(new PublishingOptions { HttpRetryDelay = TimeSpan.FromMilliseconds(20), HttpMaxRetries = 3 }),
            new InProcessRequestBudget(80, TimeProvider.System),
            TimeProvider.System,
            NullLogger<GitHubClients>.Instance);
        var client = clients.ForInstallation(AppHarness.InstallationId);
        _harness.GitHub.RetryAfterSeconds = 0;
        _harness.GitHub.InjectFault("POST", "/issues/2/comments$", FakeFault.SecondaryRateLimit, times: 1);
        _harness.GitHub.InjectFault("POST", "/issues/2/comments$", FakeFault.BadGateway, times: 1);

        await client.Issue.Comment.Create(AppHarness.Owner, AppHarness.Name, 2, "hello");

        var comments = Measured("http.client.request.duration").Where(m => Equals(m.Tags["url.template"], "/repos/{owner}/{repo}/issues/{issue_number}/comments")).ToList();
        Assert.Equal([201, 403, 502], comments.Select(m => (int)m.Tags["http.response.status_code"]!).Order());
        Assert.All(comments, m => Assert.Equal("POST", m.Tags["http.request.method"]));
        Assert.Equal(["502", "403"], comments.Where(m => m.Tags.ContainsKey("error.type")).Select(m => (string)m.Tags["error.type"]!).OrderByDescending(t => t, StringComparer.Ordinal));
        Assert.Single(Measured("http.client.request.duration"), m => Equals(m.Tags["url.template"], "/app/installations/{installation_id}/access_tokens"));
        Assert.Equal(
            ["secondary_rate_limit", "server_error"],
            Measured("reviewbot.github.retries").Select(m => (string)m.Tags["reviewbot.retry.reason"]!).Order(StringComparer.Ordinal));
        Assert.Equal("secondary", Assert.Single(Measured("reviewbot.github.rate_limit.wait.duration")).Tags["reviewbot.rate_limit"]);
    }

    [Fact]
    public async Task ARequestHeldBackByTheContentLimit_IsAWaitForTheSecondaryLimit()
    {
        var window = TimeSpan.FromMilliseconds(400);
        using var pacer = new RequestPacer(new InProcessRequestBudget(1, window, TimeProvider.System), installationId: 1) { InnerHandler = new Answer200() };
        using var client = new HttpClient(pacer) { BaseAddress = new Uri("http://127.0.0.1:9/") };

        (await client.PostAsync("repos/o/r/issues/1/comments", new StringContent("{}"))).Dispose();
        (await client.GetAsync("repos/o/r/pulls/1")).Dispose();
        Assert.Empty(Measured("reviewbot.github.rate_limit.wait.duration"));
        (await client.PostAsync("repos/o/r/issues/1/comments", new StringContent("{}"))).Dispose();

        var wait = Assert.Single(Measured("reviewbot.github.rate_limit.wait.duration"));
        Assert.Equal("secondary", wait.Tags["reviewbot.rate_limit"]);
        Assert.InRange(wait.Value, 0.05, 5);
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument)
    {
        lock (_measurements) return [.. _measurements.Where(m => m.Instrument == instrument)];
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        lock (_measurements) _measurements.Add((instrument.Name, value, copy));
    }
}
