using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Postgres;
using ReviewBot.Webhooks;

namespace ReviewBot.Hosting;

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

        return ValidationResults.Of(errors);
    }
}

/// <summary>Validates where the App keeps its state.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
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

        if (options.UsesPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add("ConnectionStrings__ReviewBot is required with ReviewBot__Database=postgres: Host=...;Database=...;Username=...;Password=... or a postgres:// URL.");
            }
            else
            {
                try
                {
                    PostgresConnectionString.Parse(options.ConnectionString);
                }
                catch (FormatException e)
                {
                    // The text holds the password: the message says what is wrong, never quotes it.
                    errors.Add($"ConnectionStrings__ReviewBot: {e.Message}.");
                }
            }
        }
        else if (!string.Equals(options.Database, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("ReviewBot__Database must be sqlite (the default: a file in ReviewBot__DataDir) or postgres.");
        }

        return ValidationResults.Of(errors);
    }
}

/// <summary>Validates how the workers go through jobs.</summary>
internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var errors = new List<string>();
        if (options.Workers is < 1 or > 256) errors.Add("ReviewBot__Workers must be between 1 and 256.");
        if (options.MaxAttempts is < 1 or > 100) errors.Add("ReviewBot__MaxAttempts must be between 1 and 100.");
        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add("ReviewBot__LeaseDuration must be between 00:00:01 and 01:00:00.");
        }
        if (options.RetryDelay < TimeSpan.Zero) errors.Add("ReviewBot__RetryDelay must not be negative.");
        if (options.JobTimeout <= TimeSpan.Zero) errors.Add("ReviewBot__JobTimeout must be positive.");
        return ValidationResults.Of(errors);
    }
}

/// <summary>Validates how the App talks to GitHub.</summary>
internal sealed class PublishingOptionsValidator : IValidateOptions<PublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishingOptions options)
    {
        var errors = new List<string>();
        if (options.HttpRetryDelay < TimeSpan.Zero) errors.Add("ReviewBot__HttpRetryDelay must not be negative.");
        if (options.HttpMaxRetries is < 0 or > 20) errors.Add("ReviewBot__HttpMaxRetries must be between 0 and 20.");
        if (options.HttpTotalTimeout <= TimeSpan.Zero) errors.Add("ReviewBot__HttpTotalTimeout must be positive.");
        if (options.ContentRequestsPerMinute is < 1 or > 10_000) errors.Add("ReviewBot__ContentRequestsPerMinute must be between 1 and 10000.");
        return ValidationResults.Of(errors);
    }
}

/// <summary>Validates the bounds of the webhook endpoint.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.WebhookBodyTimeout <= TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Fail("ReviewBot__WebhookBodyTimeout must be longer than one second.")
            : ValidateOptionsResult.Success;
}

internal static class ValidationResults
{
    /// <summary>Success when there is no error; else every error, so an operator fixes them in one go.</summary>
    public static ValidateOptionsResult Of(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
