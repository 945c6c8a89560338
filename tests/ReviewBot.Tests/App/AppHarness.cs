using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewBot.Hosting;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.Support;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>
/// One end-to-end set-up: a temp folder, the strict fake GitHub with one installation and one repository, and the
/// real ReviewBot App (the same composition as <c>reviewbot serve</c>) on Kestrel at 127.0.0.1:0, configured through
/// the documented setting names.
/// </summary>
public sealed class AppHarness : IAsyncDisposable
{
    public const long InstallationId = 1;
    public const long RepositoryId = 186853002;
    public const string Owner = "Codertocat";
    public const string Name = "Hello-World";
    public const string Secret = "It's a Secret to Everybody";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<string> _logs = [];
    private WebApplication? _app;

    private readonly TestDatabase? _database;

    private AppHarness(string root, FakeGitHubServer github, WorkRepository work, FakeRepository repository, TestDatabase? database)
    {
        _database = database;
        Root = root;
        GitHub = github;
        Work = work;
        Repository = repository;
    }

    public string Root { get; }
    public FakeGitHubServer GitHub { get; }
    public WorkRepository Work { get; }
    public FakeRepository Repository { get; }
    public string DataDir => Path.Combine(Root, "data");

    /// <summary>The App's PostgreSQL database, when it has one.</summary>
    internal string? DatabaseConnectionString => _database?.ConnectionString;

    /// <summary>The App's job store, read directly (a test's view; the App itself never asks these questions).</summary>
    internal IQueueInspector Jobs => _database is null
        ? QueueInspector.OfSqlite(Path.Combine(DataDir, "reviewbot.db"))
        : QueueInspector.OfPostgres(_database.ConnectionString);
    public string PrivateKeyPath => Path.Combine(Root, "app.pem");
    public Uri? AppUrl { get; private set; }
    public IServiceProvider Services => _app!.Services;

    /// <summary>Every line the App logged (Debug and up), with its exception, for assertions that nothing secret is logged.</summary>
    public IReadOnlyList<string> Logs
    {
        get { lock (_logs) return [.. _logs]; }
    }

    /// <summary>
    /// Creates the fake and a repository whose <c>main</c> holds <paramref name="baseFiles"/>; the App is not started.
    /// <paramref name="onPostgres"/>: the App keeps its jobs in a PostgreSQL database of its own (<see cref="PostgresTestServer"/>).
    /// </summary>
    public static async Task<AppHarness> CreateAsync(IReadOnlyDictionary<string, string> baseFiles, bool onPostgres = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var github = await FakeGitHubServer.StartAsync(Path.Combine(root, "github"));
        github.AddInstallation(InstallationId);
        var work = new WorkRepository(Path.Combine(root, "work"));
        foreach (var (path, content) in baseFiles) work.Write(path, content);
        work.Commit("base");
        var repository = github.AddRepository(InstallationId, RepositoryId, Owner, Name, work);
        var harness = new AppHarness(root, github, work, repository, onPostgres ? PostgresTestServer.CreateDatabase() : null);
        await File.WriteAllTextAsync(harness.PrivateKeyPath, github.PrivateKeyPem);
        return harness;
    }

    /// <summary>The settings the App runs with, as environment variables name them.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["GitHub__AppId"] = GitHub.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GitHub__PrivateKeyPath"] = PrivateKeyPath,
            ["GitHub__WebhookSecret"] = Secret,
            ["GitHub__ApiUrl"] = GitHub.ApiUrl.ToString(),
            ["ReviewBot__DataDir"] = DataDir,
            ["ReviewBot__Workers"] = "2",
            ["ReviewBot__HttpRetryDelay"] = "00:00:00.050",
            ["ReviewBot__RetryDelay"] = "00:00:00.200",
        };
        if (_database is not null)
        {
            settings["ReviewBot__Database"] = "postgres";
            settings["ConnectionStrings__ReviewBot"] = _database.ConnectionString;

            // Short enough that a killed replica's job is taken over within a test's patience, long enough that a busy
            // test machine renews in time (every third of it).
            settings["ReviewBot__LeaseDuration"] = "00:00:05";
        }

        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }

    /// <summary>Starts the App in this process (the <c>serve</c> composition) with <see cref="Settings"/>.</summary>
    /// <remarks>
    /// The analysis runs on the App's own job threads unless <paramref name="overrides"/> ask for the analysis process:
    /// a new process for every test would compile the analysis afresh each time. <c>serve</c> as a child process
    /// (<see cref="ServeProcess"/>), as operators run it, has the analysis process.
    /// </remarks>
    public async Task StartAppAsync(params (string Key, string Value)[] overrides)
    {
        var settings = Settings([("ReviewBot__AnalysisProcess", "false"), .. overrides]);
        _app = ServeCommand.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value));
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(_logs));
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            ConfigureApp?.Invoke(builder);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        AppUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task StopAppAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public void UseAppUrl(Uri url) => AppUrl = url;

    /// <summary>Runs on the App's builder after the harness's own settings, before <see cref="StartAppAsync"/> builds it.</summary>
    public Action<WebApplicationBuilder>? ConfigureApp { get; set; }

    /// <summary>Commits <paramref name="files"/> on a branch off <c>main</c> and opens pull request 2 with it.</summary>
    public FakePullRequest OpenPullRequest(IReadOnlyDictionary<string, string?> files, int number = 2, string branch = "changes", string baseRef = "main")
    {
        Work.Checkout(branch, create: true);
        return UpdatePullRequest(files, number, baseRef);
    }

    /// <summary>Commits <paramref name="files"/> (null deletes) on the current branch and moves the pull request's head.</summary>
    public FakePullRequest UpdatePullRequest(IReadOnlyDictionary<string, string?> files, int number = 2, string baseRef = "main")
    {
        foreach (var (path, content) in files)
        {
            if (content is null) Work.Delete(path);
            else Work.Write(path, content);
        }

        Work.Commit("change " + Guid.NewGuid().ToString("N")[..6]);
        return GitHub.SetPullRequest(Repository, number, baseRef, Work);
    }

    /// <summary>A real fixture payload rewritten to point at the fake and at <paramref name="pull"/>'s current head.</summary>
    public string Payload(string fixture, FakePullRequest pull)
    {
        var node = JsonNode.Parse(File.ReadAllText(FixturePath(fixture)))!.AsObject();
        node["number"] = pull.Number;
        node["installation"] = new JsonObject { ["id"] = InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
        var repository = node["repository"]!.AsObject();
        Point(repository, pull.Repository);
        var pr = node["pull_request"]!.AsObject();
        pr["number"] = pull.Number;
        pr["draft"] = false;
        pr["head"]!["sha"] = pull.HeadSha;
        pr["base"]!["ref"] = pull.BaseRef;
        pr["base"]!["sha"] = GitCli.Run(pull.Repository.BarePath, "rev-parse", "refs/heads/" + pull.BaseRef).Trim();
        Point(pr["base"]!["repo"]!.AsObject(), pull.Repository);
        Point(pr["head"]!["repo"]!.AsObject(), pull.Repository);
        return node.ToJsonString();
    }

    /// <summary>
    /// An <c>issue_comment</c> <c>created</c> delivery for <paramref name="comment"/> (already on the fake) on
    /// <paramref name="pull"/>: the real fixture with <c>issue.pull_request</c> added, as GitHub sends it for a comment on
    /// a pull request.
    /// </summary>
    public string CommentPayload(FakePullRequest pull, FakeIssueComment comment, string action = "created")
    {
        var node = JsonNode.Parse(File.ReadAllText(FixturePath("issue_comment/created.1.json")))!.AsObject();
        node["action"] = action;
        if (action == "edited") node["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = "before the edit" } };
        node["installation"] = new JsonObject { ["id"] = pull.Repository.InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
        Point(node["repository"]!.AsObject(), pull.Repository);
        var issue = node["issue"]!.AsObject();
        issue["number"] = pull.Number;
        var web = $"https://github.com/{pull.Repository.FullName}/pull/{pull.Number}";
        issue["pull_request"] = new JsonObject
        {
            ["url"] = $"{GitHub.ApiUrl}repos/{pull.Repository.FullName}/pulls/{pull.Number}",
            ["html_url"] = web,
            ["diff_url"] = web + ".diff",
            ["patch_url"] = web + ".patch",
        };
        var body = node["comment"]!.AsObject();
        body["id"] = comment.Id;
        body["body"] = comment.Body;
        body["author_association"] = comment.Association;
        foreach (var user in new[] { body["user"]!.AsObject(), node["sender"]!.AsObject() })
        {
            user["login"] = comment.Author;
            user["type"] = comment.UserType;
        }

        return node.ToJsonString();
    }

    /// <summary>
    /// A <c>check_run</c> <c>rerequested</c> delivery: the real fixture, for a check run of app <paramref name="appId"/> on
    /// <paramref name="pull"/>'s head, listing the pull request as GitHub does.
    /// </summary>
    public string CheckRunRerequestedPayload(FakePullRequest pull, long appId)
    {
        var node = JsonNode.Parse(File.ReadAllText(FixturePath("check_run/rerequested.1.json")))!.AsObject();
        node["installation"] = new JsonObject { ["id"] = InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
        Point(node["repository"]!.AsObject());
        var run = node["check_run"]!.AsObject();
        run["head_sha"] = pull.HeadSha;
        run["name"] = "ReviewBot";
        run["app"]!["id"] = appId;
        run["pull_requests"] = new JsonArray(PullRequestRef(pull));
        return node.ToJsonString();
    }

    /// <summary>A <c>check_suite</c> delivery (<paramref name="fixture"/>) of our App on <paramref name="pull"/>'s head.</summary>
    public string CheckSuitePayload(string fixture, FakePullRequest pull)
    {
        var node = JsonNode.Parse(File.ReadAllText(FixturePath(fixture)))!.AsObject();
        node["installation"] = new JsonObject { ["id"] = InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
        Point(node["repository"]!.AsObject());
        var suite = node["check_suite"]!.AsObject();
        suite["head_sha"] = pull.HeadSha;
        suite["after"] = pull.HeadSha;
        suite["app"]!["id"] = GitHub.AppId;
        suite["pull_requests"] = new JsonArray(PullRequestRef(pull));
        return node.ToJsonString();
    }

    private JsonObject PullRequestRef(FakePullRequest pull)
    {
        JsonObject Repo() => new() { ["id"] = Repository.Id, ["url"] = $"{GitHub.ApiUrl}repos/{Repository.FullName}", ["name"] = Repository.Name };
        return new JsonObject
        {
            ["url"] = $"{GitHub.ApiUrl}repos/{Repository.FullName}/pulls/{pull.Number}",
            ["id"] = Repository.Id * 1000 + pull.Number,
            ["number"] = pull.Number,
            ["head"] = new JsonObject { ["ref"] = "changes", ["sha"] = pull.HeadSha, ["repo"] = Repo() },
            ["base"] = new JsonObject
            {
                ["ref"] = pull.BaseRef,
                ["sha"] = GitCli.Run(Repository.BarePath, "rev-parse", "refs/heads/" + pull.BaseRef).Trim(),
                ["repo"] = Repo(),
            },
        };
    }

    private void Point(JsonObject node, FakeRepository? repository = null)
    {
        repository ??= Repository;
        node["id"] = repository.Id;
        node["name"] = repository.Name;
        node["full_name"] = repository.FullName;
        node["owner"]!["login"] = repository.Owner;
        node["clone_url"] = GitHub.CloneUrl(repository).ToString();
        node["default_branch"] = repository.DefaultBranch;
    }

    public static string FixturePath(string fixture) =>
        Path.Combine("/work/shared/fixtures/github-webhooks", fixture);

    public static string Sign(string body, string secret = Secret)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
        return "sha256=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>Posts a delivery to the App, signed with <paramref name="signature"/> (default: the correct one).</summary>
    public Task<HttpResponseMessage> DeliverAsync(string eventName, string body, string? deliveryId = null, string? signature = null) =>
        DeliverToAsync(AppUrl!, eventName, body, deliveryId, signature);

    /// <summary>Sends a delivery to the App at <paramref name="appUrl"/> (one replica of several).</summary>
    public async Task<HttpResponseMessage> DeliverToAsync(Uri appUrl, string eventName, string body, string? deliveryId = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(appUrl, "api/github/webhooks"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        if (signature != "") request.Headers.Add("X-Hub-Signature-256", signature ?? Sign(body));
        return await _http.SendAsync(request);
    }

    /// <summary>Asserts the status, showing the body on failure.</summary>
    public static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(AppUrl!, path));

    /// <summary>Waits until the check run on <paramref name="headSha"/> is completed; returns it.</summary>
    /// <summary>
    /// Waits for <paramref name="condition"/>; on timeout the error carries the App's last log lines and the fake's last
    /// requests, so that a failure seen once (in CI, under load) can be understood from its report alone.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        try
        {
            await FakeGitHubServer.WaitUntilAsync(condition, timeout, what);
        }
        catch (TimeoutException e)
        {
            var logs = Logs.TakeLast(80);
            var requests = GitHub.Requests.TakeLast(40).Select(r => $"{r.Method} {r.Path} -> {r.Status}{(r.Error is null ? "" : " " + r.Error)}");
            throw new TimeoutException($"{e.Message}\nThe App's last log lines:\n{string.Join('\n', logs)}\nThe fake's last requests:\n{string.Join('\n', requests)}", e);
        }
    }

    public async Task<FakeCheckRun> WaitForCompletedCheckRunAsync(string headSha, TimeSpan? timeout = null)
    {
        await FakeGitHubServer.WaitUntilAsync(
            () => GitHub.CheckRuns(Repository, headSha).Any(r => r.Status == "completed"),
            timeout ?? TimeSpan.FromSeconds(60),
            $"a completed check run on {headSha}");
        return GitHub.CheckRuns(Repository, headSha).First(r => r.Status == "completed");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await GitHub.DisposeAsync();
        _http.Dispose();
        _database?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Git makes pack files read-only on some systems.
        }
    }
}

/// <summary>Collects formatted log lines (and exceptions) in memory, each with its scopes (<c>=> scope</c>), as the console shows them.</summary>
internal sealed class CapturingLoggerProvider(List<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new Capturing(lines, categoryName, () => _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        // The list belongs to the harness.
    }

    private sealed class Capturing(List<string> lines, string category, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new System.Text.StringBuilder();
            scopes().ForEachScope((value, text) => text.Append(" => ").Append(value), scope);
            lock (lines) lines.Add($"{logLevel} {category}{scope}: {formatter(state, exception)} {exception}");
        }
    }
}
