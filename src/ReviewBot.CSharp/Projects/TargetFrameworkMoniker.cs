using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// A target framework as the .NET SDK infers it from a <c>TargetFramework</c> value (<c>net8.0</c>, <c>net8.0-windows</c>,
/// <c>netstandard2.0</c>, <c>net462</c>): its identifier and version, the symbols the SDK defines for it, and the
/// language version the compiler defaults to for it.
/// </summary>
internal sealed partial record TargetFrameworkMoniker(string Moniker, string Identifier, Version Version, string Platform)
{
    public const string NetCoreApp = ".NETCoreApp";
    public const string NetStandard = ".NETStandard";
    public const string NetFramework = ".NETFramework";

    public static TargetFrameworkMoniker? Parse(string? moniker)
    {
        if (string.IsNullOrWhiteSpace(moniker)) return null;
        var match = MonikerRegex().Match(moniker.Trim());
        if (!match.Success) return null;
        var name = match.Groups["name"].Value.ToLowerInvariant();
        var digits = match.Groups["version"].Value;
        var platform = match.Groups["platform"].Value;
        if (name == "net" && !digits.Contains('.', StringComparison.Ordinal))
        {
            // net462, net48: .NET Framework, one digit per version part.
            if (digits.Length is < 2 or > 3) return null;
            var parts = digits.Select(c => c - '0').ToArray();
            return new(moniker.Trim(), NetFramework, new Version(parts[0], parts[1], parts.Length > 2 ? parts[2] : 0), platform);
        }

        if (!Version.TryParse(digits.Contains('.', StringComparison.Ordinal) ? digits : digits + ".0", out var version)) return null;
        var identifier = name switch
        {
            "net" when version.Major >= 5 => NetCoreApp,
            "netcoreapp" => NetCoreApp,
            "netstandard" => NetStandard,
            _ => null,
        };
        return identifier is null ? null : new(moniker.Trim(), identifier, new Version(version.Major, Math.Max(0, version.Minor)), platform);
    }

    /// <summary>The newest of several frameworks, preferring .NET over .NET Standard over .NET Framework, and no platform on a tie.</summary>
    public static TargetFrameworkMoniker? Newest(IEnumerable<TargetFrameworkMoniker> frameworks) => frameworks
        .OrderByDescending(f => f.Identifier switch { NetCoreApp => 3, NetStandard => 2, _ => 1 })
        .ThenByDescending(f => f.Version)
        .ThenBy(f => f.Platform.Length)
        .FirstOrDefault();

    /// <summary>"v8.0", as the SDK writes <c>TargetFrameworkVersion</c>.</summary>
    public string VersionText => Identifier == NetFramework && Version.Build > 0
        ? $"v{Version.Major}.{Version.Minor}.{Version.Build}"
        : $"v{Version.Major}.{Version.Minor}";

    /// <summary>The preprocessor symbols the SDK defines for this framework (not counting configuration and <c>DefineConstants</c>).</summary>
    public IReadOnlyList<string> ImplicitDefines()
    {
        var defines = new List<string>();
        switch (Identifier)
        {
            case NetCoreApp when Version.Major >= 5:
                defines.Add("NET");
                defines.Add($"NET{Version.Major}_{Version.Minor}");
                defines.Add("NETCOREAPP");
                for (var major = 5; major <= Version.Major; major++) defines.Add($"NET{major}_0_OR_GREATER");
                defines.AddRange(CoreAppVersions.Select(v => $"NETCOREAPP{v.Replace('.', '_')}_OR_GREATER"));
                break;
            case NetCoreApp:
                defines.Add("NETCOREAPP");
                defines.Add($"NETCOREAPP{Version.Major}_{Version.Minor}");
                defines.AddRange(CoreAppVersions.Where(v => Version.Parse(v) <= Version).Select(v => $"NETCOREAPP{v.Replace('.', '_')}_OR_GREATER"));
                break;
            case NetStandard:
                defines.Add("NETSTANDARD");
                defines.Add($"NETSTANDARD{Version.Major}_{Version.Minor}");
                defines.AddRange(StandardVersions.Where(v => Version.Parse(v) <= Version).Select(v => $"NETSTANDARD{v.Replace('.', '_')}_OR_GREATER"));
                break;
            case NetFramework:
                defines.Add("NETFRAMEWORK");
                defines.Add("NET" + Compact(Version));
                defines.AddRange(FrameworkVersions.Where(v => v <= Version).Select(v => $"NET{Compact(v)}_OR_GREATER"));
                break;
        }

        if (Platform.Length > 0)
        {
            var platform = Platform.ToUpperInvariant();
            defines.Add(PlatformVersionRegex().Replace(platform, ""));
        }

        return defines;
    }

    /// <summary>The C# version the compiler uses for this framework when the project sets no <c>LangVersion</c>.</summary>
    public LanguageVersion DefaultLanguageVersion => Identifier switch
    {
        NetCoreApp when Version.Major >= 10 => LanguageVersion.CSharp14,
        NetCoreApp when Version.Major == 9 => LanguageVersion.CSharp13,
        NetCoreApp when Version.Major == 8 => LanguageVersion.CSharp12,
        NetCoreApp when Version.Major == 7 => LanguageVersion.CSharp11,
        NetCoreApp when Version.Major == 6 => LanguageVersion.CSharp10,
        NetCoreApp when Version.Major == 5 => LanguageVersion.CSharp9,
        NetCoreApp when Version.Major == 3 => LanguageVersion.CSharp8,
        NetStandard when Version >= new Version(2, 1) => LanguageVersion.CSharp8,
        _ => LanguageVersion.CSharp7_3,
    };

    /// <summary>True when a project targeting this framework can reference one targeting <paramref name="other"/>.</summary>
    public bool CanReference(TargetFrameworkMoniker other) => (Identifier, other.Identifier) switch
    {
        var (a, b) when a == b => Version >= other.Version,
        (NetCoreApp, NetStandard) => Version.Major >= 3 || other.Version <= new Version(2, 0),
        (NetFramework, NetStandard) => other.Version <= new Version(2, 0) && Version >= new Version(4, 6, 1),
        _ => false,
    };

    private static string Compact(Version version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version.Major}{version.Minor}{(version.Build > 0 ? version.Build.ToString(CultureInfo.InvariantCulture) : "")}");

    private static readonly string[] CoreAppVersions = ["1.0", "1.1", "2.0", "2.1", "2.2", "3.0", "3.1"];
    private static readonly string[] StandardVersions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.0", "2.1"];
    private static readonly Version[] FrameworkVersions =
    [
        new(2, 0), new(3, 5), new(4, 0), new(4, 5), new(4, 5, 1), new(4, 5, 2), new(4, 6), new(4, 6, 1), new(4, 6, 2),
        new(4, 7), new(4, 7, 1), new(4, 7, 2), new(4, 8), new(4, 8, 1),
    ];

    [GeneratedRegex(@"^(?<name>netcoreapp|netstandard|net)(?<version>\d+(\.\d+)*)(-(?<platform>[A-Za-z]+[\d.]*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex MonikerRegex();

    [GeneratedRegex(@"[\d.]+$")]
    private static partial Regex PlatformVersionRegex();
}
