using System.Collections.Concurrent;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace ReviewBot.GitHub;

/// <summary>
/// Octokit clients pointed at <c>GitHub__ApiUrl</c> exactly as configured (Octokit's own constructor would append
/// <c>api/v3/</c> to any host but github.com, so the <see cref="Connection"/> is built here), each over the
/// resilience pipeline. One client for the App itself (JWT), one per installation (its access token, fetched on demand
/// and cached until shortly before it expires; requests paced by the installation's <see cref="IRequestBudget"/>).
/// </summary>
internal sealed partial class GitHubClients : IGitHubClientSource, IDisposable
{
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private static readonly ProductHeaderValue Product = new("ReviewBot", "1.0");

    private readonly GitHubAppOptions _github;
    private readonly PublishingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubClients> _logger;
    private readonly HttpMessageHandler _transport;
    private readonly AppJwt _jwt;
    private readonly GitHubClient _appClient;
    private readonly ConcurrentDictionary<long, InstallationEntry> _installations = new();
    private readonly IRequestBudget _budget;

    public GitHubClients(
        IOptions<GitHubAppOptions> github, IOptions<PublishingOptions> options, IRequestBudget budget, TimeProvider time, ILogger<GitHubClients> logger)
    {
        _budget = budget;
        _github = github.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _transport = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        _jwt = new AppJwt(_github.AppId, _github.ReadPrivateKeyPem(), time);
        _appClient = CreateClient(new AppJwtCredentialStore(_jwt), pacer: null);
    }

    public Uri ApiUrl => _github.ApiUrl;

    public long AppId => _github.AppId;

    long? IGitHubClientSource.AppId => AppId;

    /// <summary>The client of installation <paramref name="installationId"/>.</summary>
    public IGitHubClient ForInstallation(long installationId) => Entry(installationId).Client;

    /// <summary>The installation's access token (for git over HTTPS), fresh or from the cache.</summary>
    public Task<string> GetInstallationTokenAsync(long installationId, CancellationToken cancellationToken) =>
        Entry(installationId).GetTokenAsync(cancellationToken);

    /// <summary>Drops the cached token and client of an installation (uninstalled or suspended).</summary>
    public void Forget(long installationId)
    {
        if (_installations.TryRemove(installationId, out var entry)) entry.Dispose();
    }

    public void Dispose()
    {
        foreach (var entry in _installations.Values) entry.Dispose();
        _jwt.Dispose();
        _transport.Dispose();
    }

    private InstallationEntry Entry(long installationId) =>
        _installations.GetOrAdd(installationId, id => new InstallationEntry(this, id));

    private GitHubClient CreateClient(ICredentialStore credentials, RequestPacer? pacer)
    {
        var pipeline = GitHubResilience.CreatePipeline(
            _options.HttpMaxRetries, _options.HttpRetryDelay, _options.HttpTotalTimeout, _time, _logger);
        HttpMessageHandler inner = new GitHubRequestTelemetry(_github.ApiUrl) { InnerHandler = new SharedHandler(_transport) };
        if (pacer is not null)
        {
            pacer.InnerHandler = inner;
            inner = pacer;
        }

        var handler = new ResilienceHandler(pipeline) { InnerHandler = inner };
        var baseAddress = _github.ApiUrl.AbsoluteUri.EndsWith('/') ? _github.ApiUrl : new Uri(_github.ApiUrl.AbsoluteUri + "/");
        var connection = new Connection(Product, baseAddress, credentials, new HttpClientAdapter(() => handler), new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }

    private async Task<AccessToken> CreateTokenAsync(long installationId, CancellationToken cancellationToken)
    {
        var token = await _appClient.GitHubApps.CreateInstallationToken(installationId).WaitAsync(cancellationToken).ConfigureAwait(false);
        LogTokenIssued(_logger, installationId, token.ExpiresAt);
        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installation {InstallationId}: access token issued, valid until {ExpiresAt}")]
    private static partial void LogTokenIssued(ILogger logger, long installationId, DateTimeOffset expiresAt);

    private sealed class AppJwtCredentialStore(AppJwt jwt) : ICredentialStore
    {
        public Task<Credentials> GetCredentials() => Task.FromResult(new Credentials(jwt.Create(), AuthenticationType.Bearer));
    }

    private sealed class InstallationEntry : ICredentialStore, IDisposable
    {
        private readonly GitHubClients _owner;
        private readonly long _installationId;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly RequestPacer _pacer;
        private AccessToken? _token;

        public InstallationEntry(GitHubClients owner, long installationId)
        {
            _owner = owner;
            _installationId = installationId;
            _pacer = new RequestPacer(owner._budget, installationId);
            Client = owner.CreateClient(this, _pacer);
        }

        public GitHubClient Client { get; }

        public async Task<Credentials> GetCredentials() =>
            new(await GetTokenAsync(CancellationToken.None).ConfigureAwait(false), AuthenticationType.Oauth);

        public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            if (IsFresh(_token)) return _token!.Token;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!IsFresh(_token)) _token = await _owner.CreateTokenAsync(_installationId, cancellationToken).ConfigureAwait(false);
                return _token!.Token;
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();

        private bool IsFresh(AccessToken? token) =>
            token is not null && token.ExpiresAt - RefreshBeforeExpiry > _owner._time.GetUtcNow();
    }
}

/// <summary>Where the publisher gets its clients: the App's installations, or one token (GitHub Actions).</summary>
internal interface IGitHubClientSource
{
    /// <summary>The REST API root.</summary>
    Uri ApiUrl { get; }

    /// <summary>The App's id, whose check runs are ours; null when the token is not an App's (Actions).</summary>
    long? AppId { get; }

    /// <summary>The client of installation <paramref name="installationId"/> (ignored by a single-token source).</summary>
    IGitHubClient ForInstallation(long installationId);
}
