using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Tests.FakeGitHub;

/// <summary>
/// A strict fake of the part of GitHub's REST API that ReviewBot uses, over real HTTP on 127.0.0.1, built from the
/// operations in <c>shared/reference/github-rest-subset.json</c>. It serves the API under <c>/api/v3/</c> (as GitHub
/// Enterprise Server does, so the client must use the configured URL exactly) and git over smart HTTP under
/// <c>/git/</c>. It is strict where GitHub is: installation tokens only for a correctly signed App JWT, a live token
/// on every call, review comments only on lines of the diff (else 422 and no review at all), at most 50 annotations
/// per request, bodies of at most 65,536 characters. It refuses the deprecated <c>position</c> outright. It lists a
/// pull request's files with their patches (paginated, at most 3,000 files) and can leave a file's patch out as GitHub
/// does for a file too large to show, refusing line comments on it then. It can inject 502s and rate limits, and hold a
/// request until the test releases it.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    public const int MaxAnnotationsPerRequest = 50; // GitHub checks API
    public const int MaxCommentBody = 65_536; // GitHub issue, review and review-comment bodies
    public const int MaxOutputText = 65_535; // GitHub checks API output.summary and output.text
    public const int MaxPullRequestFiles = 3_000; // GitHub pulls API: files listed per pull request
    public const string BotLogin = "reviewbot-test[bot]";

    private readonly object _lock = new();
    private readonly WebApplication _app;
    private readonly RSA _appKey = RSA.Create(2048);
    private readonly Dictionary<string, (long Installation, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeCheckRun> _checkRuns = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly List<(string Method, Regex Path, FakeFault Fault, int Remaining)> _faults = [];
    private readonly List<FakeGate> _gates = [];
    private readonly Dictionary<long, (int Used, DateTimeOffset ResetAt)> _primary = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> _contentSent = [];
    private readonly HashSet<long> _installations = [];
    private readonly HashSet<(string Path, int Line)> _refusedLines = [];
    private readonly HashSet<string> _patchOmitted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokensWithoutChecks = new(StringComparer.Ordinal);
    private readonly Dictionary<(FakeRepository Repository, string Login), string> _roles = [];
    private long _nextId = 5_000_000_000; // above 2^32: ids must be carried as long
    private int _tokensIssued;

    private FakeGitHubServer(string root, TimeProvider time, WebApplication app)
    {
        Root = root;
        Time = time;
        _app = app;
        AppId = 424_242;
    }

    public string Root { get; }
    public TimeProvider Time { get; }
    public long AppId { get; }
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The REST API root, used exactly as <c>GitHub__ApiUrl</c>.</summary>
    public Uri ApiUrl => new(BaseAddress, "api/v3/");

    /// <summary>The App's private key (PKCS#1 PEM), as GitHub hands it out.</summary>
    public string PrivateKeyPem => _appKey.ExportRSAPrivateKeyPem();

    /// <summary>How long an installation token lives (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>Retry-After</c> seconds sent with injected rate limits.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// GitHub's secondary limit: content-creating requests (POST, PATCH, PUT, DELETE) an installation may send in any
    /// minute; the next one is refused with 403 and <c>Retry-After</c>, as GitHub refuses it.
    /// </summary>
    public int ContentRequestsPerMinute { get; set; } = 80;

    /// <summary>GitHub's primary limit of an installation's requests per hour; each answer reports what is left.</summary>
    public int PrimaryLimit { get; set; } = 5000;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Every installation token the fake has issued (for assertions that none is logged).</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get { lock (_lock) return [.. _tokens.Keys]; }
    }

    public static async Task<FakeGitHubServer> StartAsync(string root, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGitHubServer(root, time ?? TimeProvider.System, app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates) gate.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _appKey.Dispose();
    }

    // ---- set-up -------------------------------------------------------------------------------------------------

    public void AddInstallation(long installationId)
    {
        lock (_lock) _installations.Add(installationId);
    }

    /// <summary>Serves <paramref name="work"/>'s history as repository <paramref name="owner"/>/<paramref name="name"/>.</summary>
    public FakeRepository AddRepository(long installationId, long repositoryId, string owner, string name, WorkRepository work, string defaultBranch = "main")
    {
        var bare = Path.Combine(Root, owner, name + ".git");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        GitCli.Run(Root, "clone", "-q", "--bare", work.Path, bare);
        var repository = new FakeRepository(repositoryId, installationId, owner, name, bare, defaultBranch);
        lock (_lock) _repositories[repository.FullName] = repository;
        return repository;
    }

    public Uri CloneUrl(FakeRepository repository) => new(BaseAddress, $"git/{repository.Owner}/{repository.Name}.git");

    /// <summary>Pushes <paramref name="work"/>'s current HEAD to <paramref name="branch"/> of the served repository.</summary>
    public static void PushBranch(FakeRepository repository, WorkRepository work, string branch) =>
        GitCli.Run(work.Path, "push", "-q", "--force", repository.BarePath, $"HEAD:refs/heads/{branch}");

    /// <summary>Opens (or updates) pull request <paramref name="number"/> with <paramref name="work"/>'s HEAD as its head.</summary>
    public FakePullRequest SetPullRequest(FakeRepository repository, int number, string baseRef, WorkRepository work)
    {
        GitCli.Run(work.Path, "push", "-q", "--force", repository.BarePath, $"HEAD:refs/pull/{number}/head");
        var head = work.Head();
        lock (_lock)
        {
            if (!repository.Pulls.TryGetValue(number, out var pull))
            {
                pull = new FakePullRequest(repository, number, baseRef, head);
                repository.Pulls[number] = pull;
            }

            pull.HeadSha = head;
            return pull;
        }
    }

    /// <summary>Adds a comment by a person (or another app: <paramref name="userType"/> <c>Bot</c>) to the pull request's conversation.</summary>
    public FakeIssueComment AddUserComment(FakePullRequest pull, string login, string body, string association = "COLLABORATOR", string userType = "User")
    {
        lock (_lock)
        {
            var comment = new FakeIssueComment(_nextId++, body, login, association, userType);
            pull.IssueComments.Add(comment);
            return comment;
        }
    }

    /// <summary>
    /// Gives <paramref name="login"/> a role on the repository, as the collaborator permission API reports it:
    /// <c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c> or <c>read</c>. Without one the API answers 404.
    /// </summary>
    public void SetRole(FakeRepository repository, string login, string role)
    {
        lock (_lock) _roles[(repository, login)] = role;
    }

    /// <summary>
    /// Issues an installation token without an App JWT, as GitHub Actions hands one to a workflow
    /// (<c>GITHUB_TOKEN</c>); without <paramref name="checksWrite"/> it may not write check runs (403).
    /// </summary>
    public string IssueToken(long installationId, bool checksWrite = true)
    {
        var token = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        lock (_lock)
        {
            _tokens[token] = (installationId, Time.GetUtcNow() + TokenLifetime);
            if (!checksWrite) _tokensWithoutChecks.Add(token);
        }

        return token;
    }

    public void InjectFault(string method, string pathPattern, FakeFault fault, int times = 1)
    {
        lock (_lock) _faults.Add((method, new Regex(pathPattern), fault, times));
    }

    /// <summary>
    /// Makes the fake refuse review comments on <paramref name="path"/>:<paramref name="line"/> as GitHub does for a
    /// line outside its diff, as if GitHub's diff of the pull request differed from ours there.
    /// </summary>
    public void RefuseCommentsOn(string path, int line)
    {
        lock (_lock) _refusedLines.Add((path, line));
    }

    /// <summary>
    /// Treats <paramref name="path"/> as too large to show, as GitHub does for a very large file or pull request: the
    /// files API lists it without a <c>patch</c>, and a review with a line comment on it is refused (422).
    /// </summary>
    public void OmitPatchOf(string path)
    {
        lock (_lock) _patchOmitted.Add(path);
    }

    public FakeGate Hold(string method, string pathPattern)
    {
        var gate = new FakeGate(method, pathPattern);
        lock (_lock) _gates.Add(gate);
        return gate;
    }

    // ---- observations -------------------------------------------------------------------------------------------

    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_lock) return [.. _requests]; }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns(FakeRepository repository, string? headSha = null)
    {
        lock (_lock) return [.. _checkRuns.Where(r => r.Repository == repository && (headSha is null || r.HeadSha == headSha))];
    }

    public IReadOnlyList<FakeReview> Reviews(FakePullRequest pull)
    {
        lock (_lock) return [.. pull.Reviews];
    }

    public IReadOnlyList<FakeReviewComment> ReviewComments(FakePullRequest pull)
    {
        lock (_lock) return [.. pull.ReviewComments];
    }

    public IReadOnlyList<FakeIssueComment> IssueComments(FakePullRequest pull)
    {
        lock (_lock) return [.. pull.IssueComments];
    }

    /// <summary>Polls state until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(25, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for: {what}");
            }
        }
    }

    // ---- request handling ---------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        var at = Time.GetUtcNow();
        string? error = null;
        long? installation = null;
        try
        {
            if (TakeFault(method, path) is { } fault)
            {
                error = $"injected {fault}";
                await WriteFaultAsync(context, fault);
                return;
            }

            if (TakeGate(method, path) is { } gate)
            {
                try
                {
                    await gate.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    gate.Abandoned = true;
                    error = "client went away while held";
                    return;
                }
            }

            if (path.StartsWith("/git/", StringComparison.Ordinal))
            {
                error = await ServeGitAsync(context, path["/git".Length..]);
                return;
            }

            if (!path.StartsWith("/api/v3/", StringComparison.Ordinal))
            {
                error = "not under the API root";
                await WriteErrorAsync(context, 404, "Not Found");
                return;
            }

            if (ChargeRateLimits(context, method, out installation) is { } limited)
            {
                error = limited;
                await WriteErrorAsync(context, 403, limited.StartsWith("secondary", StringComparison.Ordinal)
                    ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
                    : $"API rate limit exceeded for installation ID {installation}.");
                return;
            }

            error = await RouteAsync(context, method, path["/api/v3".Length..]);
        }
        finally
        {
            lock (_lock) _requests.Add(new FakeRequest(method, path, context.Response.StatusCode, error, installation, at));
        }
    }

    /// <summary>
    /// Counts a request made with an installation token against that installation's limits, as GitHub does, and says
    /// what is left in the <c>x-ratelimit-*</c> headers; refuses it (and says why, for the log) when a limit is reached.
    /// </summary>
    private string? ChargeRateLimits(HttpContext context, string method, out long? installation)
    {
        installation = null;
        if (TokenOf(context) is not { } token) return null;
        var now = Time.GetUtcNow();
        int remaining;
        DateTimeOffset reset;
        string? refused = null;
        lock (_lock)
        {
            if (!_tokens.TryGetValue(token, out var issued)) return null;
            installation = issued.Installation;
            if (!_primary.TryGetValue(issued.Installation, out var primary) || primary.ResetAt <= now) primary = (0, now.AddHours(1));
            if (primary.Used >= PrimaryLimit)
            {
                refused = $"primary rate limit of installation {issued.Installation} exceeded";
            }
            else if (method is "POST" or "PATCH" or "PUT" or "DELETE")
            {
                if (!_contentSent.TryGetValue(issued.Installation, out var sent)) _contentSent[issued.Installation] = sent = new Queue<DateTimeOffset>();
                while (sent.Count > 0 && sent.Peek() <= now - TimeSpan.FromMinutes(1)) sent.Dequeue();
                if (sent.Count >= ContentRequestsPerMinute) refused = $"secondary rate limit of installation {issued.Installation} exceeded";
                else sent.Enqueue(now);
            }

            if (refused is null) primary.Used++;
            _primary[issued.Installation] = primary;
            remaining = PrimaryLimit - primary.Used;
            reset = primary.ResetAt;
        }

        var headers = context.Response.Headers;
        headers["x-ratelimit-limit"] = PrimaryLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = (PrimaryLimit - remaining).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        if (refused?.StartsWith("secondary", StringComparison.Ordinal) == true) headers["Retry-After"] = "60";
        return refused;
    }

    /// <summary>The most content-creating requests an installation sent in any minute (a sliding window over the log).</summary>
    public int MostContentRequestsInAnyMinute(long installationId)
    {
        var times = Requests.Where(r => r.Installation == installationId && r.Status < 400 && r.Method is "POST" or "PATCH" or "PUT" or "DELETE")
            .Select(r => r.At).Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= TimeSpan.FromMinutes(1)) first++;
            most = Math.Max(most, last - first + 1);
        }

        return most;
    }

    private FakeFault? TakeFault(string method, string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var f = _faults[i];
                if (f.Method != method || !f.Path.IsMatch(path)) continue;
                if (f.Remaining <= 1) _faults.RemoveAt(i);
                else _faults[i] = f with { Remaining = f.Remaining - 1 };
                return f.Fault;
            }
        }

        return null;
    }

    private FakeGate? TakeGate(string method, string path)
    {
        lock (_lock)
        {
            var index = _gates.FindIndex(g => g.Method == method && g.PathPattern.IsMatch(path));
            if (index < 0) return null;
            var gate = _gates[index];
            _gates.RemoveAt(index);
            return gate;
        }
    }

    private Task WriteFaultAsync(HttpContext context, FakeFault fault)
    {
        var retryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        switch (fault)
        {
            case FakeFault.BadGateway:
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync("<h1>502 Bad Gateway</h1>");
            case FakeFault.SecondaryRateLimit:
                context.Response.Headers["Retry-After"] = retryAfter;
                return WriteErrorAsync(context, 403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
            default:
                context.Response.Headers["Retry-After"] = retryAfter;
                return WriteErrorAsync(context, 429, "Too Many Requests");
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message, params string[] errors)
    {
        var body = new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (errors.Length > 0) body["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]);
        return WriteJsonAsync(context, status, body);
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string?> RouteAsync(HttpContext context, string method, string path)
    {
        var tokenRoute = AccessTokenRoute().Match(path);
        if (tokenRoute.Success && method == "POST")
        {
            return await CreateInstallationTokenAsync(context, long.Parse(tokenRoute.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var repoRoute = RepoRoute().Match(path);
        if (!repoRoute.Success)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return "no such route";
        }

        if (Authenticate(context) is not { } installation)
        {
            await WriteErrorAsync(context, 401, "Bad credentials");
            return "missing or invalid installation token";
        }

        FakeRepository? repository;
        lock (_lock) _repositories.TryGetValue($"{repoRoute.Groups[1].Value}/{repoRoute.Groups[2].Value}", out repository);
        if (repository is null || repository.InstallationId != installation)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return "repository not accessible to this installation";
        }

        return await RouteRepositoryAsync(context, method, repository, repoRoute.Groups[3].Value);
    }

    private async Task<string?> RouteRepositoryAsync(HttpContext context, string method, FakeRepository repository, string rest)
    {
        Match m;
        if ((m = PullRoute().Match(rest)).Success) return await RoutePullAsync(context, method, repository, m);
        if ((m = IssueCommentsRoute().Match(rest)).Success) return await RouteIssueCommentsAsync(context, method, repository, m);
        if ((m = IssueCommentRoute().Match(rest)).Success && method == "PATCH")
        {
            return await UpdateIssueCommentAsync(context, repository, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if ((m = ReactionsRoute().Match(rest)).Success && method == "POST")
        {
            return await CreateReactionAsync(context, repository, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if ((m = PermissionRoute().Match(rest)).Success && method == "GET")
        {
            return await GetPermissionAsync(context, repository, Uri.UnescapeDataString(m.Groups[1].Value));
        }

        if ((rest == "/check-runs" || CheckRunRoute().IsMatch(rest)) && method is "POST" or "PATCH" && MayNotWriteChecks(context))
        {
            await WriteErrorAsync(context, 403, "Resource not accessible by integration");
            return "the token may not write checks";
        }

        if (rest == "/check-runs" && method == "POST") return await CreateCheckRunAsync(context, repository);
        if ((m = CheckRunRoute().Match(rest)).Success && method == "PATCH")
        {
            return await UpdateCheckRunAsync(context, repository, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if ((m = RefCheckRunsRoute().Match(rest)).Success && method == "GET")
        {
            return await ListCheckRunsForRefAsync(context, repository, Uri.UnescapeDataString(m.Groups[1].Value));
        }

        if ((m = ContentsRoute().Match(rest)).Success && method == "GET")
        {
            return await GetContentsAsync(context, repository, Uri.UnescapeDataString(m.Groups[1].Value));
        }

        return await NotFoundAsync(context);
    }

    private async Task<string?> RoutePullAsync(HttpContext context, string method, FakeRepository repository, Match m)
    {
        if (PullOf(repository, m) is not { } pull)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return "no such pull request";
        }

        return (method, m.Groups[2].Value) switch
        {
            ("GET", "") => await WritePullAsync(context, pull),
            ("GET", "/comments") => await ListAsync(context, ReviewCommentsJson(pull)),
            ("GET", "/files") => await ListAsync(context, FilesJson(pull)),
            ("POST", "/reviews") => await CreateReviewAsync(context, pull),
            ("GET", "/reviews") => await ListAsync(context, ReviewsJson(pull)),
            _ => await NotFoundAsync(context),
        };
    }

    private async Task<string?> RouteIssueCommentsAsync(HttpContext context, string method, FakeRepository repository, Match m)
    {
        if (PullOf(repository, m) is not { } pull)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return "no such issue";
        }

        return method switch
        {
            "GET" => await ListAsync(context, IssueCommentsJson(pull)),
            "POST" => await CreateIssueCommentAsync(context, pull),
            _ => await NotFoundAsync(context),
        };
    }

    private async Task<string?> WritePullAsync(HttpContext context, FakePullRequest pull)
    {
        await WriteJsonAsync(context, 200, PullJson(pull));
        return null;
    }

    private static async Task<string?> NotFoundAsync(HttpContext context)
    {
        await WriteErrorAsync(context, 404, "Not Found");
        return "no such route";
    }

    private FakePullRequest? PullOf(FakeRepository repository, Match m)
    {
        var number = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        lock (_lock) return repository.Pulls.GetValueOrDefault(number);
    }

    // ---- authentication -----------------------------------------------------------------------------------------

    private async Task<string?> CreateInstallationTokenAsync(HttpContext context, long installationId)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var jwt = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (ValidateJwt(jwt) is { } problem)
        {
            await WriteErrorAsync(context, 401, problem);
            return problem;
        }

        bool known;
        lock (_lock) known = _installations.Contains(installationId);
        if (!known)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return "no such installation";
        }

        var token = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        var expires = Time.GetUtcNow() + TokenLifetime;
        lock (_lock) _tokens[token] = (installationId, expires);
        Interlocked.Increment(ref _tokensIssued);
        await WriteJsonAsync(context, 201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["checks"] = "write", ["contents"] = "read", ["pull_requests"] = "write", ["issues"] = "write", ["metadata"] = "read" },
            ["repository_selection"] = "all",
        });
        return null;
    }

    /// <summary>Null when <paramref name="jwt"/> is an RS256 JWT of this App that GitHub would accept now.</summary>
    private string? ValidateJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return "A JSON web token could not be decoded";
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256") return "'alg' must be RS256";
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!_appKey.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "A JSON web token could not be decoded";
            }

            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            return ValidateClaims(payload.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return "A JSON web token could not be decoded";
        }
    }

    /// <summary>GitHub's checks of an App JWT's claims: issuer, issued in the past, expiring within 10 minutes.</summary>
    private string? ValidateClaims(JsonElement root)
    {
        var iss = root.GetProperty("iss");
        var issuer = iss.ValueKind == JsonValueKind.Number ? iss.GetInt64().ToString(CultureInfo.InvariantCulture) : iss.GetString();
        if (issuer != AppId.ToString(CultureInfo.InvariantCulture)) return "'Issuer' claim ('iss') must be the app id";
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var iat = root.GetProperty("iat").GetInt64();
        var exp = root.GetProperty("exp").GetInt64();
        if (iat > now + 5) return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
        if (exp <= now) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        return exp > now + 600 ? "'Expiration time' claim ('exp') is too far in the future" : null;
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }

    private bool MayNotWriteChecks(HttpContext context)
    {
        var token = TokenOf(context);
        lock (_lock) return token is not null && _tokensWithoutChecks.Contains(token);
    }

    private static string? TokenOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("token ", StringComparison.OrdinalIgnoreCase)) return header[6..].Trim();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || pair[..colon] != "x-access-token" ? null : pair[(colon + 1)..];
    }

    private long? Authenticate(HttpContext context)
    {
        if (TokenOf(context) is not { } token) return null;
        lock (_lock)
        {
            return _tokens.TryGetValue(token, out var entry) && entry.ExpiresAt > Time.GetUtcNow() ? entry.Installation : null;
        }
    }

    // ---- git ----------------------------------------------------------------------------------------------------

    private async Task<string?> ServeGitAsync(HttpContext context, string pathInfo)
    {
        var match = GitRoute().Match(pathInfo);
        FakeRepository? repository = null;
        if (match.Success)
        {
            lock (_lock) _repositories.TryGetValue($"{match.Groups[1].Value}/{match.Groups[2].Value}", out repository);
        }

        if (repository is null)
        {
            context.Response.StatusCode = 404;
            return "no such repository";
        }

        if (Authenticate(context) is not { } installation || installation != repository.InstallationId)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHub\"";
            return "git request without a valid installation token";
        }

        if (context.Request.Query["service"] == "git-receive-pack" || pathInfo.EndsWith("/git-receive-pack", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 403;
            return "push refused";
        }

        await GitHttpBackend.ServeAsync(context, Root, pathInfo);
        return null;
    }

    // ---- pull requests and reviews --------------------------------------------------------------------------------

    private JsonObject PullJson(FakePullRequest pull)
    {
        var repository = RepositoryJson(pull.Repository);
        var baseSha = GitCli.Run(pull.Repository.BarePath, "rev-parse", $"refs/heads/{pull.BaseRef}").Trim();
        return new JsonObject
        {
            ["id"] = pull.Repository.Id * 1000 + pull.Number,
            ["number"] = pull.Number,
            ["state"] = pull.State,
            ["draft"] = false,
            ["title"] = $"Pull request {pull.Number}",
            ["user"] = Json.User("octocat", 1, "User"),
            ["head"] = new JsonObject { ["ref"] = $"pull-{pull.Number}", ["sha"] = pull.HeadSha, ["repo"] = repository.DeepClone() },
            ["base"] = new JsonObject { ["ref"] = pull.BaseRef, ["sha"] = baseSha, ["repo"] = repository },
        };
    }

    private JsonObject RepositoryJson(FakeRepository repository) => new()
    {
        ["id"] = repository.Id,
        ["name"] = repository.Name,
        ["full_name"] = repository.FullName,
        ["owner"] = Json.User(repository.Owner, 1, "User"),
        ["private"] = true,
        ["default_branch"] = repository.DefaultBranch,
        ["clone_url"] = CloneUrl(repository).ToString(),
    };

    private List<JsonNode> ReviewCommentsJson(FakePullRequest pull)
    {
        lock (_lock)
        {
            return [.. pull.ReviewComments.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["pull_request_review_id"] = c.ReviewId,
                ["commit_id"] = c.CommitId,
                ["original_commit_id"] = c.CommitId,
                ["path"] = c.Path,
                ["line"] = c.Line,
                ["side"] = c.Side,
                ["start_line"] = c.StartLine,
                ["body"] = c.Body,
                ["user"] = Json.User(BotLogin, 99, "Bot"),
                ["diff_hunk"] = "",
            })];
        }
    }

    /// <summary>The pull request's files as GitHub lists them: git's order, at most 3,000, no patch for a file too large.</summary>
    private List<JsonNode> FilesJson(FakePullRequest pull)
    {
        var repository = pull.Repository;
        var baseSha = GitCli.Run(repository.BarePath, "rev-parse", $"refs/heads/{pull.BaseRef}").Trim();
        var web = $"{BaseAddress}{repository.Owner}/{repository.Name}";
        var files = new List<JsonNode>();
        foreach (var entry in PullRequestDiff.ListFiles(repository.BarePath, baseSha, pull.HeadSha).Take(MaxPullRequestFiles))
        {
            var file = new JsonObject
            {
                ["sha"] = entry.Sha,
                ["filename"] = entry.Path,
                ["status"] = entry.Status,
                ["additions"] = entry.Additions,
                ["deletions"] = entry.Deletions,
                ["changes"] = entry.Additions + entry.Deletions,
                ["blob_url"] = $"{web}/blob/{pull.HeadSha}/{entry.Path}",
                ["raw_url"] = $"{web}/raw/{pull.HeadSha}/{entry.Path}",
                ["contents_url"] = $"{ApiUrl}repos/{repository.FullName}/contents/{entry.Path}?ref={pull.HeadSha}",
            };
            bool omitted;
            lock (_lock) omitted = _patchOmitted.Contains(entry.Path);
            if (entry.Patch is not null && !omitted) file["patch"] = entry.Patch;
            if (entry.PreviousPath is not null) file["previous_filename"] = entry.PreviousPath;
            files.Add(file);
        }

        return files;
    }

    private List<JsonNode> ReviewsJson(FakePullRequest pull)
    {
        lock (_lock)
        {
            return [.. pull.Reviews.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["body"] = r.Body,
                ["state"] = r.Event == "COMMENT" ? "COMMENTED" : r.Event,
                ["commit_id"] = r.CommitId,
                ["user"] = Json.User(BotLogin, 99, "Bot"),
            })];
        }
    }

    private async Task<string?> CreateReviewAsync(HttpContext context, FakePullRequest pull)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            await WriteErrorAsync(context, 400, "Problems parsing JSON");
            return "bad json";
        }

        var commitId = body["commit_id"]?.GetValue<string>() ?? pull.HeadSha;
        var reviewEvent = body["event"]?.GetValue<string>() ?? "PENDING";
        var text = body["body"]?.GetValue<string>();
        var errors = ReviewErrors(reviewEvent, text);
        var diff = DiffOf(pull, commitId);
        if (diff is null) errors.Add("commit_id is not part of the pull request");

        var comments = new List<FakeReviewComment>();
        foreach (var node in body["comments"]?.AsArray() ?? [])
        {
            if (ParseReviewComment(node!.AsObject(), commitId, diff, errors) is { } comment) comments.Add(comment);
        }

        if (errors.Count > 0)
        {
            // GitHub's answer for a bad comment: the whole review is refused.
            await WriteErrorAsync(context, 422, "Unprocessable Entity", [.. errors]);
            return string.Join("; ", errors);
        }

        FakeReview review;
        lock (_lock)
        {
            var reviewId = _nextId++;
            var ids = new List<long>();
            foreach (var c in comments)
            {
                var id = _nextId++;
                pull.ReviewComments.Add(c with { Id = id, ReviewId = reviewId });
                ids.Add(id);
            }

            review = new FakeReview(reviewId, commitId, reviewEvent, text ?? "", ids);
            pull.Reviews.Add(review);
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["id"] = review.Id,
            ["body"] = review.Body,
            ["state"] = "COMMENTED",
            ["commit_id"] = commitId,
            ["user"] = Json.User(BotLogin, 99, "Bot"),
        });
        return null;
    }

    private static List<string> ReviewErrors(string reviewEvent, string? text)
    {
        var errors = new List<string>();
        if (reviewEvent is not ("COMMENT" or "APPROVE" or "REQUEST_CHANGES")) errors.Add("event must be APPROVE, REQUEST_CHANGES or COMMENT");
        if (reviewEvent is "COMMENT" or "REQUEST_CHANGES" && string.IsNullOrEmpty(text)) errors.Add("Body is required");
        if (text is { Length: > MaxCommentBody }) errors.Add("body is too long (maximum is 65536 characters)");
        return errors;
    }

    private static PullRequestDiff? DiffOf(FakePullRequest pull, string commitId)
    {
        try
        {
            var baseSha = GitCli.Run(pull.Repository.BarePath, "rev-parse", $"refs/heads/{pull.BaseRef}").Trim();
            return PullRequestDiff.Compute(pull.Repository.BarePath, baseSha, commitId);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>One draft comment of a review, checked as GitHub checks it; problems go to <paramref name="errors"/>.</summary>
    private FakeReviewComment? ParseReviewComment(JsonObject c, string commitId, PullRequestDiff? diff, List<string> errors)
    {
        if (c.ContainsKey("position"))
        {
            errors.Add("position is deprecated: this fake accepts only line/side");
            return null;
        }

        if (c["line"] is null)
        {
            errors.Add("line is required");
            return null;
        }

        var path = c["path"]?.GetValue<string>() ?? "";
        var body = c["body"]?.GetValue<string>() ?? "";
        var line = c["line"]!.GetValue<int>();
        var side = c["side"]?.GetValue<string>() ?? "RIGHT";
        var startLine = c["start_line"]?.GetValue<int>();
        if (body.Length == 0) errors.Add("comment body is required");
        if (body.Length > MaxCommentBody) errors.Add("comment body is too long (maximum is 65536 characters)");
        bool omitted;
        lock (_lock) omitted = _patchOmitted.Contains(path);
        if (omitted) errors.Add("Path could not be resolved"); // GitHub keeps no diff of a file too large to show
        else if (diff?.Validate(path, line, side, startLine, c["start_side"]?.GetValue<string>()) is { } problem) errors.Add(problem);
        else if (IsRefused(path, line)) errors.Add("Line could not be resolved");
        return new FakeReviewComment(0, 0, commitId, path, line, side, startLine, body);
    }

    private bool IsRefused(string path, int line)
    {
        lock (_lock) return _refusedLines.Contains((path, line));
    }

    // ---- issue comments -----------------------------------------------------------------------------------------

    private List<JsonNode> IssueCommentsJson(FakePullRequest pull)
    {
        lock (_lock) return [.. pull.IssueComments.Select(c => (JsonNode)IssueCommentJson(c))];
    }

    private static JsonObject IssueCommentJson(FakeIssueComment comment) => new()
    {
        ["id"] = comment.Id,
        ["body"] = comment.Body,
        ["user"] = comment.Author == BotLogin ? Json.User(BotLogin, 99, "Bot") : Json.User(comment.Author, 7, comment.UserType),
        ["author_association"] = comment.Association,
    };

    // ---- reactions and permissions ------------------------------------------------------------------------------

    private static readonly HashSet<string> ReactionContents = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

    private async Task<string?> CreateReactionAsync(HttpContext context, FakeRepository repository, long commentId)
    {
        var content = (await ReadBodyAsync(context))?["content"]?.GetValue<string>();
        if (content is null || !ReactionContents.Contains(content))
        {
            await WriteErrorAsync(context, 422, "Validation Failed", "content is not included in the list");
            return "invalid reaction content";
        }

        FakeIssueComment? comment;
        bool existed;
        long id;
        lock (_lock)
        {
            id = _nextId++;
            comment = repository.Pulls.Values.SelectMany(p => p.IssueComments).FirstOrDefault(c => c.Id == commentId);
            existed = comment?.Reactions.Contains((BotLogin, content)) == true;
            if (comment is not null && !existed) comment.Reactions.Add((BotLogin, content));
        }

        if (comment is null) return await NotFoundAsync(context);
        await WriteJsonAsync(context, existed ? 200 : 201, new JsonObject
        {
            ["id"] = id,
            ["node_id"] = "REA_" + commentId,
            ["user"] = Json.User(BotLogin, 99, "Bot"),
            ["content"] = content,
            ["created_at"] = Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
        return null;
    }

    private async Task<string?> GetPermissionAsync(HttpContext context, FakeRepository repository, string login)
    {
        string? role;
        lock (_lock) role = _roles.GetValueOrDefault((repository, login));
        if (role is null) return await NotFoundAsync(context);
        await WriteJsonAsync(context, 200, new JsonObject
        {
            // GitHub maps maintain to write and triage to read in the legacy permission; role_name keeps the role.
            ["permission"] = role switch { "maintain" => "write", "triage" => "read", _ => role },
            ["role_name"] = role,
            ["user"] = Json.User(login, 7, "User"),
        });
        return null;
    }

    private async Task<string?> CreateIssueCommentAsync(HttpContext context, FakePullRequest pull)
    {
        var body = (await ReadBodyAsync(context))?["body"]?.GetValue<string>();
        if (string.IsNullOrEmpty(body) || body.Length > MaxCommentBody)
        {
            await WriteErrorAsync(context, 422, "Validation Failed", body is null ? "body is missing" : "body is too long (maximum is 65536 characters)");
            return "invalid comment body";
        }

        FakeIssueComment comment;
        lock (_lock)
        {
            comment = new FakeIssueComment(_nextId++, body);
            pull.IssueComments.Add(comment);
        }

        await WriteJsonAsync(context, 201, IssueCommentJson(comment));
        return null;
    }

    private async Task<string?> UpdateIssueCommentAsync(HttpContext context, FakeRepository repository, long id)
    {
        var body = (await ReadBodyAsync(context))?["body"]?.GetValue<string>();
        if (string.IsNullOrEmpty(body) || body.Length > MaxCommentBody)
        {
            await WriteErrorAsync(context, 422, "Validation Failed", "body is missing or too long (maximum is 65536 characters)");
            return "invalid comment body";
        }

        FakeIssueComment? comment;
        lock (_lock)
        {
            comment = repository.Pulls.Values.SelectMany(p => p.IssueComments).FirstOrDefault(c => c.Id == id);
            if (comment is not null)
            {
                comment.Body = body;
                comment.Edits++;
            }
        }

        if (comment is null) return await NotFoundAsync(context);
        await WriteJsonAsync(context, 200, IssueCommentJson(comment));
        return null;
    }

    // ---- check runs ---------------------------------------------------------------------------------------------

    private async Task<string?> CreateCheckRunAsync(HttpContext context, FakeRepository repository)
    {
        var body = await ReadBodyAsync(context);
        var name = body?["name"]?.GetValue<string>();
        var headSha = body?["head_sha"]?.GetValue<string>();
        if (body is null || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(headSha))
        {
            await WriteErrorAsync(context, 422, "Invalid request.", "name and head_sha are required");
            return "name and head_sha are required";
        }

        try
        {
            GitCli.Run(repository.BarePath, "cat-file", "-e", headSha + "^{commit}");
        }
        catch (InvalidOperationException)
        {
            await WriteErrorAsync(context, 422, "No commit found for SHA: " + headSha);
            return "unknown head sha";
        }

        var run = new FakeCheckRun(0, repository, name, headSha);
        if (ApplyCheckRun(run, body) is { } problem)
        {
            await WriteErrorAsync(context, 422, "Invalid request.", problem);
            return problem;
        }

        lock (_lock)
        {
            run = CopyWithId(run, _nextId++);
            _checkRuns.Add(run);
        }

        await WriteJsonAsync(context, 201, CheckRunJson(run));
        return null;
    }

    private static FakeCheckRun CopyWithId(FakeCheckRun draft, long id)
    {
        var run = new FakeCheckRun(id, draft.Repository, draft.Name, draft.HeadSha)
        {
            Status = draft.Status,
            Conclusion = draft.Conclusion,
            Title = draft.Title,
            Summary = draft.Summary,
            Text = draft.Text,
        };
        run.Annotations.AddRange(draft.Annotations);
        return run;
    }

    private async Task<string?> UpdateCheckRunAsync(HttpContext context, FakeRepository repository, long id)
    {
        FakeCheckRun? run;
        lock (_lock) run = _checkRuns.FirstOrDefault(r => r.Id == id && r.Repository == repository);
        if (run is null) return await NotFoundAsync(context);
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await WriteErrorAsync(context, 400, "Problems parsing JSON");
            return "bad json";
        }

        // Validate on a copy first: a refused request changes nothing.
        var trial = CopyWithId(run, run.Id);
        if (ApplyCheckRun(trial, body) is { } problem)
        {
            await WriteErrorAsync(context, 422, "Invalid request.", problem);
            return problem;
        }

        lock (_lock)
        {
            ApplyCheckRun(run, body);
            run.Updates++;
        }

        await WriteJsonAsync(context, 200, CheckRunJson(run));
        return null;
    }

    /// <summary>Applies a create/update body to <paramref name="run"/>; returns GitHub's complaint, if any.</summary>
    private static string? ApplyCheckRun(FakeCheckRun run, JsonObject body)
    {
        var status = body["status"]?.GetValue<string>();
        var conclusion = body["conclusion"]?.GetValue<string>();
        if (status is not (null or "queued" or "in_progress" or "completed")) return "status is not included in the list";
        if (conclusion is not (null or "action_required" or "cancelled" or "failure" or "neutral" or "success" or "skipped" or "timed_out"))
        {
            return "conclusion is not included in the list";
        }

        if (status == "completed" && conclusion is null) return "conclusion is required when status is completed";
        if (body["output"] is JsonObject output && ApplyOutput(run, output) is { } problem) return problem;
        if (conclusion is not null)
        {
            run.Status = "completed";
            run.Conclusion = conclusion;
        }
        else if (status is not null)
        {
            run.Status = status;
        }

        return null;
    }

    private static string? ApplyOutput(FakeCheckRun run, JsonObject output)
    {
        var title = output["title"]?.GetValue<string>();
        var summary = output["summary"]?.GetValue<string>();
        var text = output["text"]?.GetValue<string>();
        if (title is null || summary is null) return "output requires title and summary";
        if (summary.Length > MaxOutputText) return "summary is too long (maximum is 65535 characters)";
        if (text is { Length: > MaxOutputText }) return "text is too long (maximum is 65535 characters)";
        var annotations = output["annotations"]?.AsArray() ?? [];
        if (annotations.Count > MaxAnnotationsPerRequest) return "annotations: too many (maximum is 50 per request)";
        var parsed = new List<FakeAnnotation>();
        foreach (var node in annotations)
        {
            var problem = ParseAnnotation(node!.AsObject(), out var annotation);
            if (problem is not null) return problem;
            parsed.Add(annotation!);
        }

        run.Title = title;
        run.Summary = summary;
        run.Text = text ?? run.Text;
        run.Annotations.AddRange(parsed); // GitHub appends the annotations of each update
        return null;
    }

    private static string? ParseAnnotation(JsonObject a, out FakeAnnotation? annotation)
    {
        annotation = null;
        var level = a["annotation_level"]?.GetValue<string>();
        var message = a["message"]?.GetValue<string>();
        var path = a["path"]?.GetValue<string>();
        if (path is null || a["start_line"] is null || a["end_line"] is null || message is null || level is null)
        {
            return "annotation requires path, start_line, end_line, annotation_level and message";
        }

        if (level is not ("notice" or "warning" or "failure")) return "annotation_level is not included in the list";
        var start = a["start_line"]!.GetValue<int>();
        var end = a["end_line"]!.GetValue<int>();
        if (start < 1 || end < start) return "annotation lines are invalid";
        if ((a["start_column"] is not null || a["end_column"] is not null) && start != end)
        {
            return "start_column and end_column are only allowed when start_line equals end_line";
        }

        if (Encoding.UTF8.GetByteCount(message) > 64 * 1024) return "annotation message is too long (maximum is 64 KB)";
        var title = a["title"]?.GetValue<string>();
        if (title is { Length: > 255 }) return "annotation title is too long (maximum is 255 characters)";
        annotation = new FakeAnnotation(path, start, end, level, message, title);
        return null;
    }

    private static JsonObject CheckRunJson(FakeCheckRun run) => new()
    {
        ["id"] = run.Id,
        ["name"] = run.Name,
        ["head_sha"] = run.HeadSha,
        ["status"] = run.Status,
        ["conclusion"] = run.Conclusion,
        ["output"] = new JsonObject { ["title"] = run.Title, ["summary"] = run.Summary, ["annotations_count"] = run.Annotations.Count },
        ["app"] = new JsonObject { ["id"] = 424_242, ["slug"] = "reviewbot-test" },
    };

    private async Task<string?> ListCheckRunsForRefAsync(HttpContext context, FakeRepository repository, string reference)
    {
        var name = context.Request.Query["check_name"].ToString();
        List<JsonNode> runs;
        lock (_lock)
        {
            runs = [.. _checkRuns
                .Where(r => r.Repository == repository && r.HeadSha == reference && (name.Length == 0 || r.Name == name))
                .Select(r => (JsonNode)CheckRunJson(r))];
        }

        await WriteJsonAsync(context, 200, new JsonObject { ["total_count"] = runs.Count, ["check_runs"] = new JsonArray([.. runs]) });
        return null;
    }

    // ---- contents -----------------------------------------------------------------------------------------------

    private async Task<string?> GetContentsAsync(HttpContext context, FakeRepository repository, string path)
    {
        var reference = context.Request.Query["ref"].ToString();
        if (reference.Length == 0) reference = repository.DefaultBranch;
        string content;
        try
        {
            content = GitCli.Run(repository.BarePath, "show", $"{reference}:{path}");
        }
        catch (InvalidOperationException)
        {
            return await NotFoundAsync(context);
        }

        if (context.Request.Headers.Accept.ToString().Contains("raw", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/vnd.github.raw";
            await context.Response.WriteAsync(content);
            return null;
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["type"] = "file",
            ["encoding"] = "base64",
            ["name"] = Path.GetFileName(path),
            ["path"] = path,
            ["size"] = Encoding.UTF8.GetByteCount(content),
            ["sha"] = GitCli.Run(repository.BarePath, "rev-parse", $"{reference}:{path}").Trim(),
            ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(content), Base64FormattingOptions.InsertLineBreaks), // GitHub wraps it too
        });
        return null;
    }

    // ---- pagination ---------------------------------------------------------------------------------------------

    private static async Task<string?> ListAsync(HttpContext context, List<JsonNode> items)
    {
        var perPage = int.TryParse(context.Request.Query["per_page"], out var p) ? Math.Clamp(p, 1, 100) : 30;
        var page = int.TryParse(context.Request.Query["page"], out var n) ? Math.Max(1, n) : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        if (page < last)
        {
            var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
            context.Response.Headers.Link =
                $"<{url}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{url}?per_page={perPage}&page={last}>; rel=\"last\"";
        }

        await WriteJsonAsync(context, 200, new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone())]));
        return null;
    }

    [GeneratedRegex(@"^/app/installations/(\d+)/access_tokens$")]
    private static partial Regex AccessTokenRoute();

    [GeneratedRegex(@"^/repos/([^/]+)/([^/]+)(/.*)?$")]
    private static partial Regex RepoRoute();

    [GeneratedRegex(@"^/pulls/(\d+)(/comments|/reviews|/files)?$")]
    private static partial Regex PullRoute();

    [GeneratedRegex(@"^/issues/(\d+)/comments$")]
    private static partial Regex IssueCommentsRoute();

    [GeneratedRegex(@"^/issues/comments/(\d+)$")]
    private static partial Regex IssueCommentRoute();

    [GeneratedRegex(@"^/issues/comments/(\d+)/reactions$")]
    private static partial Regex ReactionsRoute();

    [GeneratedRegex(@"^/collaborators/([^/]+)/permission$")]
    private static partial Regex PermissionRoute();

    [GeneratedRegex(@"^/check-runs/(\d+)$")]
    private static partial Regex CheckRunRoute();

    [GeneratedRegex(@"^/commits/([^/]+)/check-runs$")]
    private static partial Regex RefCheckRunsRoute();

    [GeneratedRegex(@"^/contents/(.+)$")]
    private static partial Regex ContentsRoute();

    [GeneratedRegex(@"^/([^/]+)/([^/]+?)\.git(/.*)$")]
    private static partial Regex GitRoute();
}
