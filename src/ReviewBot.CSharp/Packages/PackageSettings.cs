namespace ReviewBot.CSharp.Packages;

/// <summary>
/// Where a review's package references are resolved from and how far it may go: the operator's feeds only (never a
/// feed a repository's own <c>nuget.config</c> names, which would let a pull request make the server fetch any URL),
/// the cache, and the bounds on what one review may download.
/// </summary>
public sealed record PackageSettings
{
    /// <summary>nuget.org's V3 service index: the feed when the operator names none.</summary>
    public const string NuGetOrg = "https://api.nuget.org/v3/index.json";

    /// <summary>V3 service indexes or local folders, asked in order (<c>ReviewBot__NuGet__Feeds</c>, separated by <c>;</c>).</summary>
    public IReadOnlyList<string> Feeds { get; init; } = [NuGetOrg];

    /// <summary>The content-addressed cache shared by every review of the process (and by processes on the same data directory).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>A NuGet global packages folder read (never written) before any feed; null when there is none.</summary>
    public string? GlobalPackagesFolder { get; init; }

    /// <summary>Only the cache and the global packages folder: no feed is asked (<c>--offline</c>, <c>ReviewBot__NuGet__Offline</c>).</summary>
    public bool Offline { get; init; }

    /// <summary>The most packages one review resolves, its references' dependencies included.</summary>
    public int MaxPackages { get; init; } = 250;

    /// <summary>The largest package downloaded, and the most bytes of assemblies read from one package.</summary>
    public long MaxPackageBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most bytes one review downloads in all.</summary>
    public long MaxTotalBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long one review may spend resolving packages; what is left unresolved then is a notice.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The cache's size cap: past it, the assemblies used least recently are deleted.</summary>
    public long CacheCapBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The settings from the environment: <c>ReviewBot__NuGet__Feeds</c>, <c>ReviewBot__NuGet__Offline</c>,
    /// <c>ReviewBot__NuGet__CacheSizeMB</c>, the cache in <c>ReviewBot__NuGet__CacheDirectory</c>, else
    /// <c>ReviewBot__DataDir</c>'s <c>packages</c> folder, else the user's cache folder, and
    /// the global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>) when it exists.
    /// </summary>
    public static PackageSettings FromEnvironment(Func<string, string?>? environment = null, string? dataDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var dataDir = dataDirectory ?? environment("ReviewBot__DataDir");
        var cache = environment("ReviewBot__NuGet__CacheDirectory") is { Length: > 0 } named
            ? named
            : !string.IsNullOrWhiteSpace(dataDir)
            ? Path.Combine(Path.GetFullPath(dataDir), "packages")
            : Path.Combine(environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache"), "reviewbot", "packages");
        var global = environment("NUGET_PACKAGES") is { Length: > 0 } packages ? packages : Path.Combine(home, ".nuget", "packages");
        var feeds = (environment("ReviewBot__NuGet__Feeds") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var settings = new PackageSettings
        {
            Feeds = feeds.Length > 0 ? feeds : [NuGetOrg],
            CacheDirectory = cache,
            GlobalPackagesFolder = Directory.Exists(global) ? global : null,
            Offline = string.Equals(environment("ReviewBot__NuGet__Offline"), "true", StringComparison.OrdinalIgnoreCase),
        };
        return long.TryParse(environment("ReviewBot__NuGet__CacheSizeMB"), out var megabytes) && megabytes > 0
            ? settings with { CacheCapBytes = megabytes * 1024 * 1024 }
            : settings;
    }

    /// <summary>
    /// The settings as command-line arguments, for <c>serve</c>'s analysis process, which gets none of the App's
    /// environment (<see cref="FromArguments"/> reads them back).
    /// </summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string> { "--nuget-cache", CacheDirectory, "--nuget-cache-mb", (CacheCapBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var feed in Feeds) arguments.AddRange(["--nuget-feed", feed]);
        if (GlobalPackagesFolder is { } global) arguments.AddRange(["--nuget-global-folder", global]);
        if (Offline) arguments.Add("--nuget-offline");
        return arguments;
    }

    /// <summary>Settings from <see cref="ToArguments"/>'s arguments; null when there are none.</summary>
    public static PackageSettings? FromArguments(IReadOnlyList<string> arguments)
    {
        string? cache = null, global = null;
        long? capMegabytes = null;
        var feeds = new List<string>();
        var offline = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value.");
            switch (arguments[i])
            {
                case "--nuget-cache": cache = Value(); break;
                case "--nuget-cache-mb": capMegabytes = long.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--nuget-feed": feeds.Add(Value()); break;
                case "--nuget-global-folder": global = Value(); break;
                case "--nuget-offline": offline = true; break;
                default: throw new ArgumentException($"Unknown argument '{arguments[i]}'.");
            }
        }

        if (cache is null) return null;
        var settings = new PackageSettings { CacheDirectory = cache, Feeds = feeds, GlobalPackagesFolder = global, Offline = offline };
        return capMegabytes is { } megabytes ? settings with { CacheCapBytes = megabytes * 1024 * 1024 } : settings;
    }
}
