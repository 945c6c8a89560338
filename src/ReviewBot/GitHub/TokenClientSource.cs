using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Internal;

namespace ReviewBot.GitHub;

/// <summary>
/// One client on one token (GitHub Actions' <c>GITHUB_TOKEN</c>), at the API URL exactly as given, over the same
/// resilience pipeline as the App's clients. Installation ids are ignored: the token is the installation.
/// </summary>
internal sealed class TokenClientSource : IGitHubClientSource, IDisposable
{
    private static readonly ProductHeaderValue Product = new("ReviewBot", "1.0");
    private readonly HttpMessageHandler _handler;

    public TokenClientSource(Uri apiUrl, string token, TimeProvider time, ILogger logger)
    {
        ApiUrl = apiUrl.AbsoluteUri.EndsWith('/') ? apiUrl : new Uri(apiUrl.AbsoluteUri + "/");
        var pipeline = GitHubResilience.CreatePipeline(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(3), time, logger);
        _handler = new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } };
        var handler = _handler;
        var connection = new Connection(
            Product, ApiUrl, new InMemoryCredentialStore(new Credentials(token)), new HttpClientAdapter(() => handler), new SimpleJsonSerializer());
        Client = new GitHubClient(connection);
    }

    public Uri ApiUrl { get; }

    public long? AppId => null;

    public IGitHubClient Client { get; }

    public IGitHubClient ForInstallation(long installationId) => Client;

    public void Dispose() => _handler.Dispose();
}
