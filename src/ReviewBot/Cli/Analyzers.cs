using ReviewBot.CSharp;
using ReviewBot.CSharp.Packages;
using ReviewBot.Engine.Analysis;
using ReviewBot.Python;

namespace ReviewBot.Cli;

/// <summary>The analyzers every review runs, by language.</summary>
internal static class Analyzers
{
    private static readonly Lazy<AnalyzerRegistry> Shared = new(() => Create(offline: false));
    private static readonly Lazy<AnalyzerRegistry> SharedOffline = new(() => Create(offline: true));

    /// <summary>
    /// One registry per process (and per <paramref name="offline"/>): analyzers cache immutable data (reference
    /// assemblies, resolved packages) across reviews. Packages are resolved as the environment says
    /// (<see cref="PackageSettings.FromEnvironment"/>); <paramref name="offline"/> reads the cache only.
    /// </summary>
    public static AnalyzerRegistry CreateRegistry(bool offline = false) => offline ? SharedOffline.Value : Shared.Value;

    /// <summary>A registry of its own that resolves packages as <paramref name="packages"/> says (serve's, from its settings).</summary>
    public static AnalyzerRegistry CreateRegistry(PackageSettings packages) => new([new CSharpAnalyzer(new PackageResolver(packages)), new PythonAnalyzer()]);

    /// <summary>The package resolver of the environment's settings, offline when asked (for <c>explain</c>).</summary>
    public static PackageResolver Packages(bool offline)
    {
        var settings = PackageSettings.FromEnvironment();
        return new PackageResolver(offline ? settings with { Offline = true } : settings);
    }

    private static AnalyzerRegistry Create(bool offline) => new([new CSharpAnalyzer(Packages(offline)), new PythonAnalyzer()]);
}
