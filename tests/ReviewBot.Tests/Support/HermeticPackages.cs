using System.Runtime.CompilerServices;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The commands and servers these tests start resolve C# packages from a cache of the test run's own, offline: no
/// test reaches a feed on the network or reads this machine's NuGet folder. Package resolution itself is tested
/// against folder feeds built in the test (ReviewBot.CSharp.Tests, and the CLI's tests that set a feed).
/// </summary>
internal static class HermeticPackages
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"reviewbot-tests-packages-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable("ReviewBot__NuGet__Offline", "true");
        Environment.SetEnvironmentVariable("ReviewBot__NuGet__CacheDirectory", cache);
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", Path.Combine(cache, "no-global-packages-folder"));
    }
}
