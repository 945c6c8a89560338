using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Xml;
using Newtonsoft.Json;

namespace Shop;

/// <summary>Security.</summary>
public static class SecurityCases
{
    private const string ApiKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"; // expect RBCS101
    private const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Key.</summary>
    public static string Key => ApiKey + ApiKeyHeader;

    /// <summary>Hash.</summary>
    public static byte[] Hash(byte[] data) => MD5.HashData(data); // expect RBCS102

    /// <summary>Hash.</summary>
    public static byte[] StrongHash(byte[] data) => SHA256.HashData(data);

    /// <summary>Cipher.</summary>
    public static SymmetricAlgorithm Cipher() => TripleDES.Create(); // expect RBCS103

    /// <summary>Token.</summary>
    public static string ResetToken() => Random.Shared.Next(100_000, 999_999).ToString(); // expect RBCS104

    /// <summary>Dice.</summary>
    public static int Dice() => Random.Shared.Next(1, 7);

    /// <summary>Sql.</summary>
    public static void Sql(DbCommand command, string name)
    {
        command.CommandText = "SELECT * FROM Users WHERE Name = '" + name + "'"; // expect RBCS105
        command.CommandText = "SELECT * FROM Users WHERE Name = @name";
    }

    /// <summary>Tls.</summary>
    public static HttpClientHandler Tls() => new() { ServerCertificateCustomValidationCallback = (m, c, ch, e) => true }; // expect RBCS106

    /// <summary>Deserialize.</summary>
#pragma warning disable SYSLIB0011
    public static object Deserialize(Stream stream) => new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter().Deserialize(stream); // expect RBCS107
#pragma warning restore SYSLIB0011

    /// <summary>Json.</summary>
    public static JsonSerializerSettings Json() => new() { TypeNameHandling = TypeNameHandling.Auto }; // expect RBCS108

    /// <summary>Json.</summary>
    public static JsonSerializerSettings SafeJson() => new() { TypeNameHandling = TypeNameHandling.None };

    /// <summary>Xml.</summary>
    public static XmlReaderSettings Xml() => new() { DtdProcessing = DtdProcessing.Parse }; // expect RBCS109

    /// <summary>Run.</summary>
    public static void Run(string url) => Process.Start("git", $"clone {url}"); // expect RBCS110

    /// <summary>Run.</summary>
    public static void SafeRun(string url) => Process.Start(new ProcessStartInfo("git") { ArgumentList = { "clone", url } });
}
