namespace ReviewBot.CSharp.Projects;

/// <summary>
/// The project SDKs the reader knows, as data: what they set before the project (<c>Sdk.props</c>) and the global
/// usings they add when <c>ImplicitUsings</c> is on. Their files are never read. An SDK not listed here is read as
/// <c>Microsoft.NET.Sdk</c> (documented in the README): most third-party SDKs build on it.
/// </summary>
internal static class KnownSdks
{
    public const string Default = "Microsoft.NET.Sdk";

    private static readonly string[] Base =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    private static readonly string[] Hosting =
    [
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] Web =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
        .. Hosting,
    ];

    private static readonly string[] BlazorWebAssembly =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Components.WebAssembly.Hosting", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging",
    ];

    /// <summary>The SDK's name without its version (<c>MSTest.Sdk/3.6.0</c> is <c>MSTest.Sdk</c>).</summary>
    public static string NameOf(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? reference : reference[..slash]).Trim();
    }

    public static bool IsKnown(string name) => name.ToLowerInvariant() is "microsoft.net.sdk" or "microsoft.net.sdk.web" or "microsoft.net.sdk.worker"
        or "microsoft.net.sdk.razor" or "microsoft.net.sdk.blazorwebassembly" or "microsoft.net.sdk.windowsdesktop" or "mstest.sdk" or "aspire.apphost.sdk";

    /// <summary>The global usings <paramref name="sdk"/> adds when <c>ImplicitUsings</c> is <c>enable</c> or <c>true</c>.</summary>
    public static IReadOnlyList<string> ImplicitUsings(string sdk) => sdk.ToLowerInvariant() switch
    {
        "microsoft.net.sdk.web" => [.. Base, .. Web],
        "microsoft.net.sdk.worker" => [.. Base, .. Hosting],
        "microsoft.net.sdk.blazorwebassembly" => [.. Base, .. BlazorWebAssembly],
        "aspire.apphost.sdk" => ["Aspire.Hosting", "Aspire.Hosting.ApplicationModel"],
        _ => Base,
    };

    /// <summary>The global usings <paramref name="sdk"/> adds whatever <c>ImplicitUsings</c> says.</summary>
    public static IReadOnlyList<string> AlwaysUsings(string sdk) =>
        sdk.Equals("MSTest.Sdk", StringComparison.OrdinalIgnoreCase) ? ["Microsoft.VisualStudio.TestTools.UnitTesting"] : [];

    /// <summary>The properties <paramref name="sdk"/> sets before the project when the project has not set them.</summary>
    public static IReadOnlyList<(string Name, string Value)> PropsDefaults(string sdk) => sdk.ToLowerInvariant() switch
    {
        "microsoft.net.sdk.web" or "microsoft.net.sdk.worker" or "microsoft.net.sdk.blazorwebassembly" => [("OutputType", "Exe")],
        "mstest.sdk" => [("IsTestProject", "true"), ("OutputType", "Exe")],
        "aspire.apphost.sdk" => [("OutputType", "Exe"), ("IsAspireHost", "true")],
        _ => [],
    };
}
