using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ReviewBot.Hosting;

/// <summary>The <c>GitHub</c> configuration section: who the App is and where GitHub is.</summary>
internal sealed record GitHubAppOptions
{
    public const string Section = "GitHub";

    /// <summary><c>GitHub__AppId</c>: the App's numeric id.</summary>
    public long AppId { get; init; }

    /// <summary><c>GitHub__PrivateKeyPath</c>: the PEM file GitHub issued for the App.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary><c>GitHub__PrivateKey</c>: the PEM text itself, instead of a path.</summary>
    public string? PrivateKey { get; init; }

    /// <summary><c>GitHub__WebhookSecret</c>: the secret deliveries are signed with. The server never starts without it.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary><c>GitHub__ApiUrl</c>: the REST API root, used exactly as given (REST paths are appended to it).</summary>
    public Uri ApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>The PEM text of the private key, from <see cref="PrivateKey"/> or the file at <see cref="PrivateKeyPath"/>.</summary>
    public string ReadPrivateKeyPem() =>
        !string.IsNullOrWhiteSpace(PrivateKey) ? PrivateKey : File.ReadAllText(PrivateKeyPath!);
}

/// <summary>The <c>ReviewBot</c> configuration section: where the App keeps its state and how it works through jobs.</summary>
internal sealed record ReviewBotOptions
{
    public const string Section = "ReviewBot";

    /// <summary><c>ReviewBot__DataDir</c>: the job database and the repository cache.</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary><c>ReviewBot__Workers</c>: pull requests reviewed in parallel (default: the number of cores).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary><c>ReviewBot__MaxAttempts</c>: tries of one job before it is marked failed.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary><c>ReviewBot__RetryDelay</c>: the wait before the first retry of a failed job; doubled on each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>ReviewBot__JobTimeout</c>: the longest one attempt of a job may take.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>ReviewBot__ReviewDrafts</c>: review draft pull requests too (default false).</summary>
    public bool ReviewDrafts { get; init; }

    /// <summary><c>ReviewBot__RuleDocsUrl</c>: rule ids link to this URL followed by <c>ID.md</c>.</summary>
    public Uri RuleDocsUrl { get; init; } = new("https://github.com/reviewbot/reviewbot/blob/main/docs/rules/");

    /// <summary><c>ReviewBot__HttpRetryDelay</c>: the first back-off of a retried GitHub request (Retry-After wins when sent).</summary>
    public TimeSpan HttpRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>ReviewBot__HttpMaxRetries</c>: retries of one GitHub request (5xx, 429, secondary rate limits).</summary>
    public int HttpMaxRetries { get; init; } = 5;

    /// <summary><c>ReviewBot__HttpTotalTimeout</c>: the most one GitHub request may take, retries and waits included.</summary>
    public TimeSpan HttpTotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary><c>ReviewBot__ContentRequestsPerMinute</c>: content-creating requests per installation (GitHub: 80).</summary>
    public int ContentRequestsPerMinute { get; init; } = 80;

    /// <summary>
    /// <c>ReviewBot__WebhookBodyTimeout</c>: the grace period of a webhook body; after it, a body arriving slower than
    /// 1 KB a second on average is refused with 408 (GitHub itself gives up on a delivery after 10 s).
    /// </summary>
    public TimeSpan WebhookBodyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "reviewbot.db");

    public string RepositoryCachePath => Path.Combine(Path.GetFullPath(DataDir), "repos");
}

/// <summary>Validates the App's settings on start; every message names the setting as operators write it.</summary>
internal sealed class GitHubAppOptionsValidator : IValidateOptions<GitHubAppOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubAppOptions options)
    {
        var errors = new List<string>();
        if (options.AppId <= 0) errors.Add("GitHub__AppId is required: the App's numeric id from its settings page.");
        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            errors.Add("GitHub__WebhookSecret is required: the server never accepts unsigned deliveries.");
        }

        if (string.IsNullOrWhiteSpace(options.PrivateKey) && string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            errors.Add("GitHub__PrivateKeyPath (or GitHub__PrivateKey) is required: the App's private key in PEM form.");
        }
        else if (string.IsNullOrWhiteSpace(options.PrivateKey) && !File.Exists(options.PrivateKeyPath))
        {
            errors.Add($"GitHub__PrivateKeyPath: no file at '{options.PrivateKeyPath}'.");
        }
        else
        {
            var setting = string.IsNullOrWhiteSpace(options.PrivateKey) ? "GitHub__PrivateKeyPath" : "GitHub__PrivateKey";
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(options.ReadPrivateKeyPem());
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
            {
                // The key's text never goes into the message.
                errors.Add($"{setting} does not hold an RSA private key in PEM form.");
            }
        }

        if (!options.ApiUrl.IsAbsoluteUri || options.ApiUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("GitHub__ApiUrl must be an absolute http(s) URL such as https://api.github.com/ or https://HOST/api/v3/.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Validates the <c>ReviewBot</c> section on start.</summary>
internal sealed class ReviewBotOptionsValidator : IValidateOptions<ReviewBotOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewBotOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir)) errors.Add("ReviewBot__DataDir must name a directory.");
        else
        {
            try
            {
                Directory.CreateDirectory(options.DataDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"ReviewBot__DataDir: cannot create '{options.DataDir}': {e.Message}");
            }
        }

        if (options.Workers is < 1 or > 256) errors.Add("ReviewBot__Workers must be between 1 and 256.");
        if (options.MaxAttempts is < 1 or > 100) errors.Add("ReviewBot__MaxAttempts must be between 1 and 100.");
        if (options.RetryDelay < TimeSpan.Zero) errors.Add("ReviewBot__RetryDelay must not be negative.");
        if (options.JobTimeout <= TimeSpan.Zero) errors.Add("ReviewBot__JobTimeout must be positive.");
        if (options.HttpRetryDelay < TimeSpan.Zero) errors.Add("ReviewBot__HttpRetryDelay must not be negative.");
        if (options.HttpMaxRetries is < 0 or > 20) errors.Add("ReviewBot__HttpMaxRetries must be between 0 and 20.");
        if (options.HttpTotalTimeout <= TimeSpan.Zero) errors.Add("ReviewBot__HttpTotalTimeout must be positive.");
        if (options.WebhookBodyTimeout <= TimeSpan.FromSeconds(1)) errors.Add("ReviewBot__WebhookBodyTimeout must be longer than one second.");
        if (options.ContentRequestsPerMinute is < 1 or > 10_000) errors.Add("ReviewBot__ContentRequestsPerMinute must be between 1 and 10000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
