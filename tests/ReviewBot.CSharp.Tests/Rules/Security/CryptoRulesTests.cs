namespace ReviewBot.CSharp.Tests.Rules.Security;

public sealed class WeakHashAlgorithmTests
{
    private const string Id = "RBCS102";

    [Fact]
    public void Flags_Md5AndSha1_CreationAndStaticHashing()
    {
        var findings = Verify.Flags(Id, """
            using System.Security.Cryptography;
            using System.Text;

            namespace Demo;

            public static class Hashing
            {
                public static byte[] A(string text) => [|MD5.HashData(Encoding.UTF8.GetBytes(text));
                public static HashAlgorithm B() => [|SHA1.Create();
            #pragma warning disable SYSLIB0021
                public static HashAlgorithm C() => [|new SHA1Managed();
            #pragma warning restore SYSLIB0021
            }
            """);
        Assert.Equal("'MD5.HashData' uses the broken MD5 hash; use SHA-256 or better (and a key-derivation function for passwords).", findings[0].Message);
        Assert.Contains("'new SHA1Managed()'", findings[2].Message);
    }

    [Fact]
    public void NoFinding_StrongHashes_OwnTypesNamedMd5_AndInstanceCalls()
    {
        Verify.NoFinding(Id, """
            using System.Security.Cryptography;

            namespace Demo;

            public static class MD5
            {
                public static byte[] HashData(byte[] data) => data;
            }

            public static class Hashing
            {
                public static byte[] A(byte[] data) => SHA256.HashData(data);
                public static byte[] B(byte[] data) => MD5.HashData(data);
                public static byte[] C(HashAlgorithm algorithm, byte[] data) => algorithm.ComputeHash(data);
                public static HashAlgorithmName D() => HashAlgorithmName.SHA256;
            }
            """);
    }
}

public sealed class WeakCipherTests
{
    private const string Id = "RBCS103";

    [Fact]
    public void Flags_DesTripleDesRc2_AndEcb()
    {
        Verify.Flags(Id, """
            using System.Security.Cryptography;

            namespace Demo;

            public static class Ciphers
            {
                public static SymmetricAlgorithm A() => [|TripleDES.Create();
                public static SymmetricAlgorithm B() => [|DES.Create();
                public static SymmetricAlgorithm C() => [|RC2.Create();

                public static byte[] D(Aes aes, byte[] data)
                {
                    aes.Mode = [|CipherMode.ECB;
                    return [|aes.EncryptEcb(data, PaddingMode.PKCS7);
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_AesGcm_CbcMode_AndOwnEnum()
    {
        Verify.NoFinding(Id, """
            using System.Security.Cryptography;

            namespace Demo;

            public enum Mode { ECB, CBC }

            public static class Ciphers
            {
                public static SymmetricAlgorithm A()
                {
                    var aes = Aes.Create();
                    aes.Mode = CipherMode.CBC;
                    return aes;
                }

                public static Mode B() => Mode.ECB;
            }
            """);
    }
}

public sealed class InsecureRandomSecretTests
{
    private const string Id = "RBCS104";

    [Fact]
    public void Flags_RandomMakingTokensPasswordsAndKeys()
    {
        var findings = Verify.Flags(Id, """
            using System;

            namespace Demo;

            public sealed class Tokens
            {
                private readonly Random _random = new();

                public string Reset()
                {
                    var resetToken = [|_random.Next(100_000, 999_999).ToString();
                    return resetToken;
                }

                public string GeneratePassword(int length)
                {
                    var chars = new char[length];
                    for (var i = 0; i < length; i++) chars[i] = (char)('a' + [|Random.Shared.Next(26));
                    return new string(chars);
                }

                public byte[] Salt()
                {
                    var salt = new byte[16];
                    [|_random.NextBytes(salt);
                    return salt;
                }
            }
            """);
        Assert.Equal("'resetToken' is made with System.Random, which is predictable; use 'RandomNumberGenerator'.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_RandomForNonSecrets_AndSecureRandomForSecrets()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.Security.Cryptography;

            namespace Demo;

            public sealed class Game
            {
                private readonly Random _random = new(42);

                public int RollDice() => _random.Next(1, 7);

                public TimeSpan Jitter() => TimeSpan.FromMilliseconds(_random.Next(0, 100));

                public string NextToken(string[] tokens) => tokens[_random.Next(tokens.Length)];

                public string ResetToken() => RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString();

                public int KeyCount() => _random.Next(10);
            }
            """);
    }
}
