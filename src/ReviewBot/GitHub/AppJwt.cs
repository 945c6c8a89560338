using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.GitHub;

/// <summary>
/// Signs the App's JSON web tokens (RS256) with its private key: <c>iss</c> = app id, <c>iat</c> 60 s in the past (for
/// clock drift), <c>exp</c> 9 minutes ahead (GitHub refuses more than 10).
/// </summary>
internal sealed class AppJwt : IDisposable
{
    private static readonly TimeSpan IssuedAtSkew = TimeSpan.FromSeconds(60); // GitHub: allow for clock drift
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9); // GitHub: at most 10 minutes

    private readonly RSA _key;
    private readonly TimeProvider _time;

    public AppJwt(long appId, string privateKeyPem, TimeProvider time)
    {
        AppId = appId;
        _time = time;
        _key = RSA.Create();
        _key.ImportFromPem(privateKeyPem);
    }

    public long AppId { get; }

    public string Create()
    {
        var now = _time.GetUtcNow();
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"iat":{{(now - IssuedAtSkew).ToUnixTimeSeconds()}},"exp":{{(now + Lifetime).ToUnixTimeSeconds()}},"iss":"{{AppId}}"}""")));
        var signingInput = header + "." + payload;
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
