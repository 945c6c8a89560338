namespace ReviewBot.CSharp.Tests.Rules.Logging;

public sealed class InterpolatedLogMessageTests
{
    private const string Id = "RBCS701";

    [Fact]
    public void Flags_InterpolatedAndConcatenatedMessages_WithATemplateSuggestion()
    {
        var findings = Verify.Flags(Id, """
            using System;
            using Microsoft.Extensions.Logging;

            namespace Demo;

            public sealed class Shipping(ILogger<Shipping> logger)
            {
                public void Ship(Order order, string country, Exception error)
                {
                    logger.LogInformation([|$"Order {order.Id} shipped to {country:G}");
                    logger.LogWarning([|"Slow shipment to " + country);
                    logger.LogError(error, [|$"Failed for {country}");
                    logger.Log(LogLevel.Debug, [|$"Debug {country}");
                }
            }

            public sealed record Order(int Id);
            """);
        Assert.Equal("The message passed to 'LogInformation' is an interpolated string; use a message template with named placeholders.", findings[0].Message);
        Assert.Equal("        logger.LogInformation(\"Order {OrderId} shipped to {Country:G}\", order.Id, country);", findings[0].Suggestion!.Replacement);
        Assert.Contains("a concatenation", findings[1].Message);
        Assert.Null(findings[1].Suggestion);
        Assert.Equal("        logger.LogError(error, \"Failed for {Country}\", country);", findings[2].Suggestion!.Replacement);
    }

    [Fact]
    public void NoFinding_TemplatesConstantsAndOtherLoggers()
    {
        Verify.NoFinding(Id, """
            using Microsoft.Extensions.Logging;

            namespace Demo;

            public sealed class Shipping(ILogger logger, Journal journal)
            {
                private const string Prefix = "Shipping";

                public void Ship(string country)
                {
                    logger.LogInformation("Shipped to {Country}", country);
                    logger.LogInformation($"{Prefix}: started");
                    logger.LogInformation(Prefix + " done");
                    journal.LogInformation($"Shipped to {country}");
                }
            }

            public sealed class Journal
            {
                public void LogInformation(string text) { }
            }
            """);
    }
}

public sealed class ExceptionNotPassedToLoggerTests
{
    private const string Id = "RBCS702";

    [Fact]
    public void Flags_LogsThatDropTheCaughtException()
    {
        var findings = Verify.Flags(Id, """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.Logging;

            namespace Demo;

            public sealed class Fetcher(ILogger<Fetcher> logger)
            {
                public void Fetch(string url)
                {
                    try
                    {
                        Console.Write(url);
                    }
                    catch (HttpRequestException ex)
                    {
                        [|logger.LogWarning("Fetching {Url} failed: {Error}", url, ex.Message);
                    }
                    catch (Exception e)
                    {
                        [|logger.LogError("Fetching {Url} failed", url);
                    }
                }
            }
            """);
        Assert.Equal("The caught exception 'ex' is logged by 'LogWarning' without being passed as its exception argument; pass it first to keep the stack trace.", findings[0].Message);
        Assert.Equal("            logger.LogWarning(ex, \"Fetching {Url} failed: {Error}\", url, ex.Message);", findings[0].Suggestion!.Replacement);
    }

    [Fact]
    public void NoFinding_ExceptionPassed_RethrownOrInformational()
    {
        Verify.NoFinding(Id, """
            using System;
            using Microsoft.Extensions.Logging;

            namespace Demo;

            public sealed class Fetcher(ILogger<Fetcher> logger)
            {
                public void Fetch(string url)
                {
                    try
                    {
                        Console.Write(url);
                    }
                    catch (TimeoutException ex)
                    {
                        logger.LogError(ex, "Fetching {Url} failed", url);
                    }
                    catch (OperationCanceledException)
                    {
                        logger.LogError("Cancelled {Url}", url);
                    }
                    catch (InvalidOperationException e)
                    {
                        logger.LogError("Fetching {Url} failed; retrying", url);
                        throw;
                    }
                    catch (Exception e) when (e is ArgumentException)
                    {
                        logger.LogInformation("Bad argument for {Url}", url);
                    }
                }
            }
            """);
    }
}

public sealed class ConsoleWriteInLibraryCodeTests
{
    private const string Id = "RBCS703";

    private static readonly Dictionary<string, string> Library = new()
    {
        ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>",
    };

    [Fact]
    public void Flags_ConsoleAndDebugOutput_InALibraryProject()
    {
        var findings = Verify.Flags(Id, """
            using System;
            using System.Diagnostics;

            namespace Demo;

            public static class Retry
            {
                public static void Run(string url)
                {
                    [|Console.WriteLine($"Retrying {url}");
                    [|Debug.WriteLine(url);
                    [|Console.Error.WriteLine(url);
                }
            }
            """, repository: Library);
        Assert.Equal("'Console.WriteLine' writes to the console from library code; log through 'ILogger' so the host decides where output goes.", findings[0].Message);
        Assert.Contains("'Console.Error.WriteLine'", findings[2].Message);
    }

    [Fact]
    public void NoFinding_Executables_Tests_UnknownProjects_AndOtherWriters()
    {
        const string Code = """
            using System;
            using System.IO;

            namespace Demo;

            public static class Report
            {
                public static void Run(TextWriter writer, string url)
                {
                    Console.WriteLine(url);
                    writer.WriteLine(url);
                }
            }
            """;
        Verify.NoFinding(Id, Code);
        Verify.NoFinding(Id, Code, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>",
        });
        Verify.NoFinding(Id, Code, path: "tests/Lib.Tests/Report.cs", repository: new Dictionary<string, string>
        {
            ["tests/Lib.Tests/Lib.Tests.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup></Project>",
        });
        Verify.NoFinding(Id, Code, path: "src/Web/Report.cs", repository: new Dictionary<string, string>
        {
            ["src/Web/Web.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>",
        });
    }
}
