namespace ReviewBot.GitHub;

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

    // A record prints every property; these options hold the key and the secret, so whoever logs them gets neither.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"AppId = {AppId}, PrivateKeyPath = {PrivateKeyPath}, ApiUrl = {ApiUrl}");
        return true;
    }
}
