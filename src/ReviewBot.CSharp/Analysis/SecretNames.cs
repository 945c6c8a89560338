using ReviewBot.Engine.Text;

namespace ReviewBot.CSharp.Analysis;

/// <summary>Names that say they hold a secret (password, token, API key...), judged by their words, not substrings.</summary>
internal static class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "secret", "passphrase",
    };

    private static readonly HashSet<string> SecretPairs = new(StringComparer.Ordinal)
    {
        "api key", "apikey", "access key", "secret key", "private key", "signing key", "encryption key", "client secret",
        "access token", "auth token", "bearer token", "refresh token", "api token", "session token", "reset token", "csrf token",
        "verification token", "security token", "id token",
    };

    /// <summary>True when the name ends in a secret word (<c>dbPassword</c>, <c>ApiKey</c>, <c>accessToken</c>, <c>token</c>).</summary>
    public static bool EndsInSecret(string name)
    {
        var words = Lower(name);
        if (words.Count == 0) return false;
        var last = words[^1];
        if (SecretWords.Contains(last) || last is "apikey" || (last == "token" && words.Count == 1)) return true;
        return words.Count >= 2 && SecretPairs.Contains(words[^2] + " " + last);
    }

    /// <summary>True when any word or pair of words of the name is a secret (<c>GeneratePassword</c>, <c>resetTokenBytes</c>).</summary>
    public static bool MentionsSecret(string name)
    {
        var words = Lower(name);
        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i]) || words[i] is "apikey" or "salt" or "nonce" or "otp") return true;
            if (i > 0 && SecretPairs.Contains(words[i - 1] + " " + words[i])) return true;
        }

        return words is ["token"] || (words.Count >= 2 && words[^1] is "token" or "tokens" && words[0] is "generate" or "create" or "new" or "make" or "issue");
    }

    private static List<string> Lower(string name) => IdentifierWords.Lower(name.TrimStart('_', '@'));
}
