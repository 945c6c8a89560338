namespace ReviewBot.CSharp.Tests.Rules.Security;

public sealed class CertificateValidationDisabledTests
{
    private const string Id = "RBCS106";

    [Fact]
    public void Flags_CallbacksThatAcceptEveryCertificate()
    {
        var findings = Verify.Flags(Id, """
            using System.IO;
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;

            namespace Demo;

            public static class Clients
            {
                public static HttpClient A()
                {
                    var handler = new HttpClientHandler();
                    [|handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
                    return new HttpClient(handler);
                }

                public static void B()
                {
            #pragma warning disable SYSLIB0014
                    [|ServicePointManager.ServerCertificateValidationCallback += delegate { return true; };
            #pragma warning restore SYSLIB0014
                }

                public static HttpClientHandler C() => new()
                {
                    [|ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                };

                public static SslStream D(Stream stream) => new(stream, false, [|(sender, cert, chain, errors) => true);
            }
            """);
        Assert.Equal("'ServerCertificateCustomValidationCallback' accepts every certificate, which switches TLS validation off; validate the certificate or trust its CA.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_RealValidation_AndTestCode()
    {
        Verify.NoFinding(Id, """
            using System.Net.Http;
            using System.Net.Security;

            namespace Demo;

            public static class Clients
            {
                public static HttpClientHandler A(string thumbprint) => new()
                {
                    ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                        errors == SslPolicyErrors.None || cert?.GetCertHashString() == thumbprint,
                };
            }
            """);
        Verify.NoFinding(Id, """
            using System.Net.Http;

            namespace Demo.Tests;

            public static class TestServerClient
            {
                public static HttpClientHandler Create() => new() { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            }
            """, path: "tests/Demo.Tests/TestServerClient.cs");
    }
}

public sealed class InsecureDeserializerTests
{
    private const string Id = "RBCS107";

    [Fact]
    public void Flags_BinaryFormatterAndFrameworkOnlyFormatters()
    {
        Verify.Flags(Id, """
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            using System.Web.UI;

            namespace Demo;

            public static class Store
            {
            #pragma warning disable SYSLIB0011
                public static object A(Stream stream) => [|new BinaryFormatter().Deserialize(stream);
            #pragma warning restore SYSLIB0011
                public static object B(string state) => [|new LosFormatter().Deserialize(state);
            }
            """);
    }

    [Fact]
    public void NoFinding_SafeSerializers_AndOwnTypeOfTheSameName()
    {
        Verify.NoFinding(Id, """
            using System.IO;
            using System.Text.Json;

            namespace Demo;

            public sealed class BinaryFormatter
            {
                public object Deserialize(Stream stream) => stream;
            }

            public static class Store
            {
                public static object A(Stream stream) => new BinaryFormatter().Deserialize(stream);
                public static int[]? B(Stream stream) => JsonSerializer.Deserialize<int[]>(stream);
            }
            """);
    }
}

public sealed class UnsafeTypeNameHandlingTests
{
    private const string Id = "RBCS108";

    [Fact]
    public void Flags_TypeNameHandlingOtherThanNone()
    {
        Verify.Flags(Id, """
            using Newtonsoft.Json;

            namespace Demo;

            public static class Json
            {
                public static JsonSerializerSettings A() => new() { TypeNameHandling = [|TypeNameHandling.All };
                public static JsonSerializerSettings B() => new() { TypeNameHandling = [|Newtonsoft.Json.TypeNameHandling.Auto };
            }
            """);
    }

    [Fact]
    public void NoFinding_None_AndAnotherLibrarysEnum()
    {
        Verify.NoFinding(Id, """
            using Newtonsoft.Json;

            namespace Demo
            {
                public static class Json
                {
                    public static JsonSerializerSettings A() => new() { TypeNameHandling = TypeNameHandling.None };
                    public static Mine.TypeNameHandling B() => Mine.TypeNameHandling.All;
                }
            }

            namespace Mine
            {
                public enum TypeNameHandling { None, All }
            }
            """);
    }
}

public sealed class XmlDtdProcessingEnabledTests
{
    private const string Id = "RBCS109";

    [Fact]
    public void Flags_DtdParsing_AndUrlResolvers()
    {
        Verify.Flags(Id, """
            using System.Xml;

            namespace Demo;

            public static class Xml
            {
                public static XmlReaderSettings A() => new() { DtdProcessing = [|DtdProcessing.Parse };

                public static XmlDocument B()
                {
                    var document = new XmlDocument();
                    [|document.XmlResolver = new XmlUrlResolver();
                    return document;
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_ProhibitIgnoreAndNullResolver()
    {
        Verify.NoFinding(Id, """
            using System.Xml;

            namespace Demo;

            public static class Xml
            {
                public static XmlReaderSettings A() => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                public static XmlReaderSettings B() => new() { DtdProcessing = DtdProcessing.Ignore };
                public static int C(string text) => int.Parse(text);
            }
            """);
    }
}
