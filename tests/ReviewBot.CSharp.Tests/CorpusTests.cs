using System.Text;
using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests;

/// <summary>
/// A small repository (a library project, its context files and a test project) whose changed files hold one instance
/// of every rule, each marked with <c>// expect RBCSnnn</c> on the line it must be reported on, next to look-alikes that
/// must stay silent. Every rule runs on every file: a finding on any other line is a false positive.
/// </summary>
public sealed partial class CorpusTests
{
    private static readonly Dictionary<string, string> Context = new()
    {
        ["src/Shop/Shop.csproj"] = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""",
        ["src/Shop/Legacy/Legacy.cs"] = """
            namespace Legacy;

            public interface IVisitor { void visit_node(int node); }

            public abstract class Base { protected abstract void on_start(); }
            """,
        ["tests/Shop.Tests/Shop.Tests.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /><PackageReference Include="xunit" /></ItemGroup>
              <ItemGroup><Using Include="Xunit" /></ItemGroup>
            </Project>
            """,
    };

    private static readonly Dictionary<string, string> Changed = new()
    {
        ["src/Shop/Security.cs"] = """
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
            """,
        ["src/Shop/Naming.cs"] = """
            namespace Shop;

            /// <summary>Naming.</summary>
            public sealed class Naming : Legacy.IVisitor
            {
                private readonly int _count;
                private readonly int _total;
                private int retries; // expect RBCS205

                /// <summary>Max.</summary>
                public const int MAX_SIZE = 3; // expect RBCS203

                /// <summary>Value.</summary>
                public int get_value() => _count + _total + retries++; // expect RBCS201

                /// <summary>Visit.</summary>
                public void visit_node(int node) { }

                /// <summary>Ship.</summary>
                public int Ship(int Order) => Order; // expect RBCS204

                /// <inheritdoc/>
                public override string ToString() => "";
            }

            /// <summary>Runner.</summary>
            public sealed class Runner : Legacy.Base
            {
                /// <inheritdoc/>
                protected override void on_start() { }
            }

            /// <summary>Bad.</summary>
            public sealed class order_line { } // expect RBCS202

            /// <summary>Repo.</summary>
            public interface Repository { } // expect RBCS206
            """,
        ["src/Shop/Docs.cs"] = """
            namespace Shop;

            public sealed class Undocumented // expect RBCS301
            {
                /// <summary>Documented.</summary>
                public int Value { get; set; }
            }

            internal sealed class Internal
            {
                public int Value { get; set; }
            }
            """,
        ["src/Shop/Unused.cs"] = """
            using System.Text; // expect RBCS401
            using System.Globalization;

            namespace Shop;

            /// <summary>Unused.</summary>
            public sealed class Unused
            {
                private readonly int _legacy = 3; // expect RBCS403
                private readonly int _used = 1;

                /// <summary>Compute.</summary>
                public int Compute(int value)
                {
                    var total = value * 2; // expect RBCS402
                    return Helper(value, 1) + _used + int.Parse("1", CultureInfo.InvariantCulture);
                }

                private static int Helper(int value, int factor) => value; // expect RBCS404
            }
            """,
        ["src/Shop/Packages.cs"] = """
            using Newtonsoft.Json;
            using System.Text;

            namespace Shop;

            /// <summary>Uses a package the review cannot see: no using is provably unused.</summary>
            public static class Packages
            {
                /// <summary>Write.</summary>
                public static string Write(object value) => JsonConvert.SerializeObject(value);
            }
            """,
        ["src/Shop/Logging.cs"] = """
            using Microsoft.Extensions.Logging;

            namespace Shop;

            /// <summary>Logs.</summary>
            public sealed class Shipping(ILogger<Shipping> logger)
            {
                /// <summary>Ship.</summary>
                public void Ship(string country)
                {
                    logger.LogInformation($"Shipped to {country}"); // expect RBCS701
                    logger.LogInformation("Shipped to {Country}", country);
                    try
                    {
                        Console.WriteLine(country); // expect RBCS703
                    }
                    catch (InvalidOperationException ex)
                    {
                        logger.LogWarning("Failed: {Error}", ex.Message); // expect RBCS702
                    }
                    catch (ArgumentException ex)
                    {
                        logger.LogWarning(ex, "Failed for {Country}", country);
                    }
                }
            }
            """,
        ["src/Shop/Complex.cs"] = $$"""
            namespace Shop;

            /// <summary>Complex.</summary>
            public static class Complex
            {
                /// <summary>Branchy.</summary>
                public static int Branchy(int x) // expect RBCS501
                {
                    var y = 0;
            {{Repeat(11, i => $"        if (x == {i}) y++;")}}
                    return y;
                }

                /// <summary>Simple.</summary>
                public static int Simple(int x) => x switch { 1 => 2, 2 => 3, _ => 0 };

                /// <summary>Deep.</summary>
                public static int Deep(int[][] rows) // expect RBCS502
                {
                    var n = 0;
                    foreach (var row in rows)
                    {
                        foreach (var cell in row)
                        {
                            if (cell > 0)
                            {
                                while (n < cell)
                                {
                                    if (n % 2 == 0)
                                    {
                                        n++;
                                    }

                                    n++;
                                }
                            }
                        }
                    }

                    return n;
                }

                /// <summary>Long.</summary>
                public static int Long(int x) // expect RBCS801
                {
                    var total = x;
            {{Repeat(61, i => $"        total += {i};")}}
                    return total;
                }
            }
            """,
        ["tests/Shop.Tests/OrderTests.cs"] = $$"""
            namespace Shop.Tests;

            public sealed class Node
            {
            }

            public sealed class OrderTests
            {
                [Fact]
                public void Totals()
                {
                    var total = 3;
                    var items = new List<int> { 1 };
                    string name = null;
                    object value = "x";
                    var node = new Node();
                    var other = new Node();
                    Assert.True(total == 3); // expect RBCS601
                    Assert.True(items.Contains(1)); // expect RBCS602
                    Assert.True(name == null); // expect RBCS603
                    Assert.True(items.Count == 0); // expect RBCS604
                    Assert.Equal(total, 3); // expect RBCS605
                    Assert.True(value is string); // expect RBCS606
                    Assert.Equal(3, total);
                    Assert.True(node == other);
                }

                [Fact]
                public void Many() // expect RBCS503
                {
            {{Repeat(9, i => $"        Assert.Equal({i}, {i} + 0);")}}
                }

                [Fact]
                public async void Saves() // expect RBCS901
                {
                    await Task.Yield();
                    Assert.True(true);
                }

                [Fact]
                public void Waits()
                {
                    Thread.Sleep(10); // expect RBCS902
                    Assert.True(true);
                }

                [Fact]
                public void Nothing() // expect RBCS903
                {
                    var list = new List<int>();
                    list.Add(1);
                }

                [Fact]
                public void Helped() => Check(3);

                private static void Check(int expected) => Assert.Equal(expected, 3);
            }

            public sealed class DbTests
            {
                private readonly Db _db = new();

                public DbTests() // expect RBCS904
                {
                    _db.MigrateAsync().GetAwaiter().GetResult();
                }

                [Fact]
                public void Reads() => Assert.NotNull(_db);
            }

            public sealed class Db
            {
                public Task MigrateAsync() => Task.CompletedTask;
            }
            """,
        ["tests/Shop.Tests/ClientTests.cs"] = """
            using NUnit.Framework;

            namespace Shop.Tests;

            public sealed class ClientTests
            {
                private HttpClient _client = null!;

                [SetUp]
                public void Create() => _client = new HttpClient(); // expect RBCS905

                [TearDown]
                public void Destroy() => _client.Dispose();

                [Test]
                public void Sends() => Assert.That(_client, Is.Not.Null);
            }
            """,
    };

    [Fact]
    public void EveryRule_IsReportedOnceOnItsLine_AndTheLookAlikesStaySilent()
    {
        var analyzer = new CSharpAnalyzer();
        var repository = new Dictionary<string, string>(Context);
        foreach (var (path, text) in Changed) repository[path] = text;
        var output = analyzer.Analyze(
            Changed.Select(pair => new SourceFile(pair.Key, pair.Value)).ToList(),
            new AnalysisContext { Repository = new InMemorySnapshot(repository) },
            CancellationToken.None);

        Assert.DoesNotContain(output.Notices, n => n.IsWarning);
        var expected = Changed
            .SelectMany(pair => pair.Value.Split('\n').Select((line, i) => (pair.Key, Line: i + 1, Match: Expect().Match(line))))
            .Where(x => x.Match.Success)
            .Select(x => $"{x.Match.Groups[1].Value} {x.Key}:{x.Line}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = output.Findings.Select(f => $"{f.RuleId} {f.Path}:{f.StartLine}").Order(StringComparer.Ordinal).ToList();
        var differences = expected.Except(actual).Select(e => "missing " + e).Concat(actual.Except(expected).Select(a => "unexpected " + a)).ToList();
        Assert.True(differences.Count == 0 && expected.Count == actual.Count, string.Join('\n', differences) + $"\n({expected.Count} expected, {actual.Count} found)");

        // Every rule of the analyzer has its instance in the corpus.
        Assert.Equal(analyzer.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), expected.Select(e => e.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    private static string Repeat(int count, Func<int, string> line)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++) builder.Append(line(i)).Append('\n');
        return builder.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"// expect (RBCS\d{3})")]
    private static partial Regex Expect();
}
