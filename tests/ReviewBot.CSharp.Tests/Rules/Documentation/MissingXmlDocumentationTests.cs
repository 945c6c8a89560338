using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests.Rules.Documentation;

public sealed class MissingXmlDocumentationTests
{
    private const string Id = "RBCS301";

    [Fact]
    public void Flags_UndocumentedPublicAndProtectedApi_NamingTheMember()
    {
        var findings = Verify.Flags(Id, """
            using System;

            namespace Demo;

            public class [|Converter
            {
                public const int [|Precision = 2;

                public [|Converter() { }

                public decimal [|Convert(decimal amount, string currency) => amount;

                protected string [|Currency { get; set; } = "";

                public event EventHandler? [|Converted;

                /// <remarks>No summary.</remarks>
                public int [|Round(int value) => value;
            }

            public interface [|IRates
            {
                decimal [|Rate(string currency);
            }
            """);
        Assert.Equal("Public class 'Converter' has no XML documentation comment; add a <summary> (or <inheritdoc/>).", findings[0].Message);
        Assert.Equal("Public method 'Converter.Convert(decimal, string)' has no XML documentation comment; add a <summary> (or <inheritdoc/>).", findings[3].Message);
        Assert.StartsWith("Protected property 'Converter.Currency'", findings[4].Message);
    }

    [Fact]
    public void NoFinding_DocumentedInternalPrivateOverridesImplementationsAndSealedProtected()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            /// <summary>Rates.</summary>
            public interface IRates
            {
                /// <summary>The rate.</summary>
                decimal Rate(string currency);
            }

            /// <summary>Converts.</summary>
            public sealed class Converter : IRates
            {
                /// <inheritdoc/>
                public decimal Convert(decimal amount) => amount;

                public decimal Rate(string currency) => 1m;

                public override string ToString() => "";

                protected void Hidden() { }

                internal void Internal() { }

                private void Private() { }

                public enum Mode { Fast, Slow }
            }

            internal sealed class Helper
            {
                public void Run() { }
            }

            /// <summary>Entry.</summary>
            public static class Program
            {
                public static void Main() { }
            }
            """.Replace("public enum Mode { Fast, Slow }", "/// <summary>Modes.</summary>\n    public enum Mode { Fast, Slow }", StringComparison.Ordinal));
    }

    [Fact]
    public void NoFinding_ComInteropDeclarations()
    {
        Verify.NoFinding(Id, """
            using System.Runtime.InteropServices;

            namespace Demo;

            [ComImport]
            [Guid("6380BCFF-41D3-4B2E-8B2E-BF8A6810C848")]
            [InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
            public interface IEnumSetupInstances
            {
                void Skip(int count);
            }
            """);
    }

    [Fact]
    public void NoFinding_InTestCode_UnlessConfigured()
    {
        const string Code = """
            namespace Demo.Tests;

            public sealed class ConverterTests
            {
                [Xunit.Fact]
                public void Converts() { }
            }
            """;
        Verify.NoFinding(Id, Code, path: "tests/Demo.Tests/ConverterTests.cs");
        Verify.Flags(Id, Code.Replace("public sealed class ConverterTests", "public sealed class [|ConverterTests", StringComparison.Ordinal)
                .Replace("public void Converts()", "public void [|Converts()", StringComparison.Ordinal),
            path: "tests/Demo.Tests/ConverterTests.cs",
            context: new AnalysisContext { Thresholds = new AnalysisThresholds { DocumentTests = true } });
    }

    [Fact]
    public void NoFinding_InProjectsThatOptOutOfCs1591_DoNotGenerateDocumentation_OrBuildExecutables()
    {
        const string Code = """
            namespace Demo;

            public sealed class Converter
            {
                public decimal Convert(decimal amount) => amount;
            }
            """;
        Verify.NoFinding(Id, Code, repository: new Dictionary<string, string>
        {
            ["Directory.Build.props"] = "<Project><PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile><NoWarn>$(NoWarn);CS1591</NoWarn></PropertyGroup></Project>",
            ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />",
        });
        // The compiler asks for documentation only when the build writes a documentation file.
        Verify.NoFinding(Id, Code, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />",
        });
        Verify.NoFinding(Id, Code, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />",
        });
        Verify.Flags(Id, Code.Replace("public sealed class Converter", "public sealed class [|Converter", StringComparison.Ordinal)
                .Replace("public decimal Convert", "public decimal [|Convert", StringComparison.Ordinal),
            repository: new Dictionary<string, string> { ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup></Project>" });
    }

    [Fact]
    public void Flags_AfterTheFileRestoresCs1591()
    {
        // Jellyfin's files begin with `#pragma warning disable CS1591`: the region up to its restore is the author's choice.
        Verify.Flags(Id, """
            namespace Demo;

            #pragma warning disable CS1591
            public sealed class Converter
            {
                public decimal Convert(decimal amount) => amount;
            }
            #pragma warning restore CS1591

            public sealed class [|Rates
            {
                public decimal [|Rate(string currency) => 1m;
            }
            """);
    }

    [Fact]
    public void Flags_WhenThePragmaTurnsOffAnotherWarning()
    {
        Verify.Flags(Id, """
            namespace Demo;

            #pragma warning disable CS1998, CA1822
            public sealed class [|Converter
            {
                public decimal [|Convert(decimal amount) => amount;
            }
            """);
    }

    [Fact]
    public void NoFinding_WhereTheFileTurnsOffCs1591()
    {
        Verify.NoFinding(Id, """
            #pragma warning disable CS1591

            namespace Demo;

            public sealed class Converter
            {
                public decimal Convert(decimal amount) => amount;

                public event System.EventHandler? Converted;
            }

            public interface IRates
            {
                decimal Rate(string currency);
            }
            """);
    }

    [Fact]
    public void NoFinding_WhereCs1591IsOffByNumberOrByABarePragma()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            #pragma warning disable 1591
            public sealed class Converter
            {
                public decimal Convert(decimal amount) => amount;
            }
            #pragma warning restore 1591

            #pragma warning disable
            public sealed class Rates
            {
                public decimal Rate(string currency) => 1m;
            }
            """);
    }

    [Fact]
    public void Flags_AfterABareRestore_AndIgnoresPragmasInInactiveRegions()
    {
        Verify.Flags(Id, """
            namespace Demo;

            #pragma warning disable CS1591
            public sealed class Converter
            {
                public decimal Convert(decimal amount) => amount;
            }
            #pragma warning restore

            #if NEVER_DEFINED
            #pragma warning disable CS1591
            #endif
            public sealed class [|Rates
            {
                public decimal [|Rate(string currency) => 1m;
            }
            """);
    }
}
