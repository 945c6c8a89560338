using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Octokit;
using ReviewBot.GitHub;
using ReviewBot.Hosting;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>App authentication and the resilience pipeline against the strict fake over real HTTP.</summary>
public sealed class GitHubClientTests : IAsyncLifetime
{
    private AppHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private GitHubClients Clients(string? privateKeyPem = null, TimeProvider? time = null) => new(
        Options.Create(new GitHubAppOptions
        {
            AppId = _harness.GitHub.AppId,
            PrivateKey = privateKeyPem ?? _harness.GitHub.PrivateKeyPem,
            WebhookSecret = AppHarness.Secret,
            ApiUrl = _harness.GitHub.ApiUrl,
        }),
        Options.Create(new PublishingOptions { HttpRetryDelay = TimeSpan.FromMilliseconds(20), HttpMaxRetries = 3 }),
        new InProcessRequestBudget(80, time ?? TimeProvider.System),
        time ?? TimeProvider.System,
        NullLogger<GitHubClients>.Instance);

    [Fact]
    public async Task InstallationToken_IssuedForTheAppsJwt_CachedUntilShortlyBeforeExpiry()
    {
        using var clients = Clients();

        var first = await clients.GetInstallationTokenAsync(AppHarness.InstallationId, CancellationToken.None);
        var second = await clients.GetInstallationTokenAsync(AppHarness.InstallationId, CancellationToken.None);

        Assert.StartsWith("ghs_", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(1, _harness.GitHub.TokensIssued);

        _harness.GitHub.TokenLifetime = TimeSpan.FromMinutes(4); // within the refresh margin: never cached
        using var shortLived = Clients();
        await shortLived.GetInstallationTokenAsync(AppHarness.InstallationId, CancellationToken.None);
        await shortLived.GetInstallationTokenAsync(AppHarness.InstallationId, CancellationToken.None);
        Assert.Equal(3, _harness.GitHub.TokensIssued);
    }

    [Fact]
    public async Task JwtSignedWithAnotherKey_Refused()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        using var clients = Clients(other.ExportRSAPrivateKeyPem());

        await Assert.ThrowsAsync<AuthorizationException>(() => clients.GetInstallationTokenAsync(AppHarness.InstallationId, CancellationToken.None));
        Assert.Equal(0, _harness.GitHub.TokensIssued);
    }

    [Fact]
    public async Task FakeRequiresALiveToken_OnEveryCall()
    {
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(new Uri(_harness.GitHub.ApiUrl, $"repos/{AppHarness.Owner}/{AppHarness.Name}/pulls/2"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_harness.GitHub.ApiUrl, $"repos/{AppHarness.Owner}/{AppHarness.Name}/issues/2/comments"));
        request.Headers.Authorization = new AuthenticationHeaderValue("token", "ghs_made_up");
        using var madeUp = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
    }

    [Fact]
    public async Task FakeRefusesWhatGitHubRefuses()
    {
        var pull = _harness.OpenPullRequest(EndToEndTests.FirstChange);
        using var clients = Clients();
        var client = clients.ForInstallation(AppHarness.InstallationId);
        var api = new ApiConnection(client.Connection);
        var reviews = new Uri($"repos/{AppHarness.Owner}/{AppHarness.Name}/pulls/2/reviews", UriKind.Relative);

        // A comment on a line outside the diff: 422, and no review at all.
        await Assert.ThrowsAsync<ApiValidationException>(() => api.Post<PullRequestReview>(reviews, new Dictionary<string, object>
        {
            ["commit_id"] = pull.HeadSha,
            ["event"] = "COMMENT",
            ["body"] = "review",
            ["comments"] = new[]
            {
                new Dictionary<string, object> { ["path"] = "src/Widget.cs", ["line"] = 7, ["side"] = "RIGHT", ["body"] = "fine" },
                new Dictionary<string, object> { ["path"] = "README.md", ["line"] = 1, ["side"] = "RIGHT", ["body"] = "not in the diff" },
            },
        }));
        // The deprecated position.
        await Assert.ThrowsAsync<ApiValidationException>(() => api.Post<PullRequestReview>(reviews, new Dictionary<string, object>
        {
            ["commit_id"] = pull.HeadSha,
            ["event"] = "COMMENT",
            ["body"] = "review",
            ["comments"] = new[] { new Dictionary<string, object> { ["path"] = "src/Widget.cs", ["position"] = 3, ["body"] = "x" } },
        }));
        // A range (start_line..line) within one hunk is accepted.
        await api.Post<PullRequestReview>(reviews, new Dictionary<string, object>
        {
            ["commit_id"] = pull.HeadSha,
            ["event"] = "COMMENT",
            ["body"] = "review",
            ["comments"] = new[] { new Dictionary<string, object> { ["path"] = "src/Widget.cs", ["start_line"] = 7, ["line"] = 9, ["side"] = "RIGHT", ["body"] = "x" } },
        });
        Assert.Single(_harness.GitHub.Reviews(pull));

        // Bodies over 65,536 characters.
        await Assert.ThrowsAsync<ApiValidationException>(() =>
            client.Issue.Comment.Create(AppHarness.Owner, AppHarness.Name, 2, new string('x', 65_537)));

        // More than 50 annotations in one request.
        var run = await client.Check.Run.Create(AppHarness.Owner, AppHarness.Name, new NewCheckRun("ReviewBot", pull.HeadSha));
        var annotations = Enumerable.Range(1, 51)
            .Select(i => new NewCheckRunAnnotation("src/Widget.cs", 7, 7, CheckAnnotationLevel.Warning, "m" + i)).ToList();
        await Assert.ThrowsAsync<ApiValidationException>(() => client.Check.Run.Update(AppHarness.Owner, AppHarness.Name, run.Id, new CheckRunUpdate
        {
            Output = new NewCheckRunOutput("t", "s") { Annotations = annotations },
        }));
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository).Single().Annotations);
        Assert.True(run.Id > int.MaxValue);
    }

    [Fact]
    public async Task Transient_Retried_ButNeverOtherClientErrors()
    {
        _harness.OpenPullRequest(EndToEndTests.FirstChange);
        using var clients = Clients();
        var client = clients.ForInstallation(AppHarness.InstallationId);
        _harness.GitHub.InjectFault("POST", "/issues/2/comments$", FakeFault.BadGateway, times: 2);

        await client.Issue.Comment.Create(AppHarness.Owner, AppHarness.Name, 2, "hello");
        await Assert.ThrowsAsync<NotFoundException>(() => client.Issue.Comment.Create(AppHarness.Owner, AppHarness.Name, 99, "nobody"));

        var requests = _harness.GitHub.Requests;
        Assert.Equal(3, requests.Count(r => r.Path.EndsWith("/issues/2/comments", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.Path.EndsWith("/issues/99/comments", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderDelay_HonoursRetryAfterAndRateLimitReset()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        using var retryAfter = new HttpResponseMessage(HttpStatusCode.Forbidden);
        retryAfter.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var reset = new HttpResponseMessage(HttpStatusCode.Forbidden);
        reset.Headers.Add("x-ratelimit-remaining", "0");
        reset.Headers.Add("x-ratelimit-reset", now.AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var plain = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("no", Encoding.UTF8) };

        Assert.Equal(TimeSpan.FromSeconds(7), GitHubResilience.HeaderDelay(retryAfter, clock, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(42), GitHubResilience.HeaderDelay(reset, clock, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(30), GitHubResilience.HeaderDelay(reset, clock, TimeSpan.FromSeconds(30)));
        Assert.Null(GitHubResilience.HeaderDelay(plain, clock, TimeSpan.FromMinutes(1)));
        Assert.True(GitHubResilience.IsTransient(Polly.Outcome.FromResult(retryAfter)));
        Assert.True(GitHubResilience.IsTransient(Polly.Outcome.FromResult(reset)));
        Assert.False(GitHubResilience.IsTransient(Polly.Outcome.FromResult(plain)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>The pacing of content-creating requests.</summary>
public sealed class RequestPacerTests
{
    [Fact]
    public async Task ContentCreatingRequests_BeyondTheLimit_WaitForTheWindow_ReadsDoNot()
    {
        var window = TimeSpan.FromMilliseconds(600);
        using var pacer = new RequestPacer(new InProcessRequestBudget(3, window, TimeProvider.System), installationId: 1) { InnerHandler = new Answer200() };
        using var client = new HttpClient(pacer) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 3; i++) (await client.PostAsync("repos/o/r/issues/1/comments", new StringContent("{}"))).Dispose();
        var afterThree = watch.Elapsed;
        for (var i = 0; i < 10; i++) (await client.GetAsync("repos/o/r/pulls/1")).Dispose();
        var afterReads = watch.Elapsed;
        (await client.PostAsync("repos/o/r/issues/1/comments", new StringContent("{}"))).Dispose();
        var afterFourth = watch.Elapsed;

        Assert.True(afterThree < window / 2, $"three posts took {afterThree}");
        Assert.True(afterReads < window / 2, $"reads took {afterReads}");
        Assert.True(afterFourth >= window / 2, $"the fourth post went at {afterFourth}, inside the window");
    }
}

/// <summary>The network's end: answers every request with 200.</summary>
internal sealed class Answer200 : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
}

/// <summary>The pacing of an installation's requests by the primary budget its responses report.</summary>
public sealed class PrimaryBudgetPacingTests
{
    [Fact]
    public async Task AResponseThatSpentThePrimaryBudget_HoldsTheNextRequestBack_UntilTheReset()
    {
        var network = new CountdownNetwork(remaining: 2, DateTimeOffset.UtcNow.AddHours(1));
        using var pacer = new RequestPacer(new InProcessRequestBudget(80, TimeProvider.System), installationId: 1) { InnerHandler = network };
        using var client = new HttpClient(pacer) { BaseAddress = new Uri("http://127.0.0.1:9/") };

        (await client.GetAsync("repos/o/r/pulls/1")).Dispose();
        (await client.PostAsync("repos/o/r/issues/1/comments", new StringContent("{}"))).Dispose();
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("repos/o/r/pulls/1", patience.Token));

        Assert.Equal(2, network.Sent);
    }

    [Fact]
    public async Task ABudgetFarFromSpent_IsNotWatched()
    {
        var network = new CountdownNetwork(remaining: PrimaryBudget.Watched + 3, DateTimeOffset.UtcNow.AddHours(1));
        using var pacer = new RequestPacer(new InProcessRequestBudget(80, TimeProvider.System), installationId: 1) { InnerHandler = network };
        using var client = new HttpClient(pacer) { BaseAddress = new Uri("http://127.0.0.1:9/") };

        for (var i = 0; i < 3; i++) (await client.GetAsync("repos/o/r/pulls/1")).Dispose();

        Assert.Equal(3, network.Sent);
    }

    /// <summary>The network's end: answers 200 with the primary budget counting down, as GitHub reports it.</summary>
    private sealed class CountdownNetwork(int remaining, DateTimeOffset reset) : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent++;
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.Add("x-ratelimit-remaining", (remaining - Sent).ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(response);
        }
    }
}
