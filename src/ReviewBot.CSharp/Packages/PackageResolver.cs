using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using NuGet.Common;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace ReviewBot.CSharp.Packages;

/// <summary>A package reference as a project states it: the id and the version range (null when none was found).</summary>
internal sealed record PackageRequest(string Id, string? VersionRange);

/// <summary>A package a review compiles against: its resolved version, where it came from and the assemblies read.</summary>
public sealed record ResolvedPackage(string Id, string Version, string Source, IReadOnlyList<string> Assemblies);

/// <summary>A package a review could not read, and why.</summary>
public sealed record UnresolvedPackage(string Id, string Why)
{
    /// <summary>The text saying a reference gives no version the reader found.</summary>
    internal const string NoVersion = "no version is given for it where the project's files were read";

    /// <summary>True when the reference had no version (nothing was asked of a feed).</summary>
    public bool HasNoVersion => Why == NoVersion;
}

/// <summary>
/// What one review may still spend on packages, across all its projects: time until a deadline, bytes downloaded, and
/// the distinct packages it asked for; and the feeds it found down.
/// </summary>
internal sealed class PackageBudget(PackageSettings settings)
{
    private readonly ConcurrentDictionary<string, byte> _asked = new(StringComparer.OrdinalIgnoreCase);
    private long _downloaded;

    /// <summary>The feeds that failed in this review, each with its problem: not asked again for its other packages.</summary>
    public ConcurrentDictionary<string, string> DownFeeds { get; } = new(StringComparer.Ordinal);

    public DateTime Deadline { get; } = DateTime.UtcNow + settings.Timeout;

    public long Downloaded => Interlocked.Read(ref _downloaded);

    public void AddDownloaded(long bytes) => Interlocked.Add(ref _downloaded, bytes);

    /// <summary>True when <paramref name="id"/> may be asked for: asked before in this review, or under the limit.</summary>
    public bool TryAsk(string id)
    {
        if (_asked.ContainsKey(id)) return true;
        lock (_asked)
        {
            if (_asked.Count >= settings.MaxPackages) return false;
            _asked.TryAdd(id, 0);
            return true;
        }
    }
}

/// <summary>What one project's package references resolved to: packages, the references the compiler gets, and what was left out.</summary>
internal sealed record PackageResolution(
    IReadOnlyList<ResolvedPackage> Resolved, IReadOnlyList<UnresolvedPackage> Unresolved, ImmutableArray<MetadataReference> References, IReadOnlyList<string> Notices)
{
    public static PackageResolution Empty { get; } = new([], [], [], []);
}

/// <summary>
/// Resolves a project's <c>PackageReference</c>s and their dependencies (NuGet's rules: the lowest version in each
/// range, the nearest compatible framework) from the operator's feeds, through the shared <see cref="PackageCache"/>
/// and the NuGet global packages folder, and hands the compiler the packages' reference assemblies as metadata. Reading
/// metadata runs none of a package's code; analyzers, generators, <c>build/</c> and <c>tools/</c> are never read.
/// Every bound (packages, bytes, time) ends in a notice, never a failed review.
/// </summary>
public sealed class PackageResolver
{
    /// <summary>Packages the .NET framework itself provides (or that only carry build logic) and that a review never fetches.</summary>
    private static readonly HashSet<string> Infrastructure = new(StringComparer.OrdinalIgnoreCase)
    {
        "NETStandard.Library", "Microsoft.NETCore.Platforms", "Microsoft.NETCore.Targets", "Microsoft.NETCore.App", "Microsoft.NETFramework.ReferenceAssemblies",
    };

    /// <summary>The most bytes of package assemblies a process keeps loaded between reviews (serve's analysis process lives long).</summary>
    private const long MaxLoadedBytes = 512L * 1024 * 1024;

    // Reference assemblies are immutable files (content-addressed or a versioned folder): one reader per file per process.
    private static readonly ConcurrentDictionary<string, MetadataReference?> LoadedAssemblies = new(StringComparer.Ordinal);
    private static long _loadedBytes;
    private static readonly Lazy<HashSet<string>> FrameworkAssemblyNames = new(() => new HashSet<string>(
        Analysis.ReferenceSet.References.OfType<PortableExecutableReference>()
            .Select(r => r.GetMetadata() is AssemblyMetadata metadata ? Path.GetFileNameWithoutExtension(metadata.GetModules()[0].Name) : null)
            .OfType<string>(),
        StringComparer.OrdinalIgnoreCase));

    private readonly PackageSettings _settings;
    private readonly PackageCache _cache;
    private readonly GlobalPackagesFolder _globalFolder;
    private readonly ConcurrentDictionary<string, Lazy<Task<FindPackageByIdResource>>> _feeds = new(StringComparer.Ordinal);

    public PackageResolver(PackageSettings settings)
    {
        _settings = settings;
        _cache = new PackageCache(settings.CacheDirectory, settings.CacheCapBytes);
        _globalFolder = new GlobalPackagesFolder(settings.GlobalPackagesFolder);
    }

    /// <summary>A budget for one review's resolutions (<see cref="PackageSettings"/>' bounds hold for the review, not per project).</summary>
    internal PackageBudget NewBudget() => new(_settings);

    /// <summary>
    /// Resolves <paramref name="requests"/> (direct references first) for a project targeting
    /// <paramref name="targetFramework"/>, spending from <paramref name="budget"/> (a budget of its own when null).
    /// </summary>
    internal PackageResolution Resolve(IReadOnlyList<PackageRequest> requests, string? targetFramework, CancellationToken cancellationToken, PackageBudget? budget = null)
    {
        if (requests.Count == 0) return PackageResolution.Empty;
        budget ??= NewBudget();
        // The review compiles against .NET 10's reference assemblies whatever the project targets, so each package's
        // assets are chosen for .NET 10 first (a netstandard2.0 polyfill's types would clash with the framework's own;
        // its .NET build forwards them), and for the project's own framework where the package has nothing for .NET.
        List<NuGetFramework> targets = [FrameworkConstants.CommonFrameworks.Net10_0];
        if (targetFramework is { Length: > 0 } tfm && NuGetFramework.Parse(tfm) is { IsUnsupported: false } own && !own.Equals(targets[0])) targets.Add(own);
        using var timeout = new CancellationTokenSource(budget.Deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var run = new Run(this, targets, budget, linked.Token);
        try
        {
            // The analysis is synchronous; resolution waits on its own tasks only, never on a caller's context.
            Task.Run(() => run.ResolveAsync(requests), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            run.Notices.Add($"Resolving packages took longer than the review's {_settings.Timeout.TotalSeconds:0} s; the packages not read by then are left out.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return run.Result();
    }

    private async Task<FindPackageByIdResource> FeedAsync(string feed)
    {
        var resource = _feeds.GetOrAdd(feed, f => new Lazy<Task<FindPackageByIdResource>>(async () =>
            await Repository.Factory.GetCoreV3(f).GetResourceAsync<FindPackageByIdResource>().ConfigureAwait(false)
            ?? throw new InvalidOperationException("the feed offers no package download")));
        try
        {
            return await resource.Value.ConfigureAwait(false);
        }
        catch
        {
            // A feed that was down is asked again by the next review.
            _feeds.TryRemove(new KeyValuePair<string, Lazy<Task<FindPackageByIdResource>>>(feed, resource));
            throw;
        }
    }

    /// <summary>A feed as messages show it: no user name or password a URL may carry.</summary>
    private static string FeedName(string feed) =>
        Uri.TryCreate(feed, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? feed.Replace(uri.UserInfo + "@", "", StringComparison.Ordinal) : feed;

    private static MetadataReference? Load(AssemblyFile file)
    {
        if (LoadedAssemblies.TryGetValue(file.Path, out var loaded)) return loaded;
        MetadataReference? reference = null;
        try
        {
            // One copy of the image: the reader and the reference share the array.
            var image = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(File.ReadAllBytes(file.Path));
            using (var pe = new PEReader(image))
            {
                // A native library in lib/ is no metadata at all.
                if (pe.HasMetadata) reference = MetadataReference.CreateFromImage(image, filePath: file.Path);
            }

            if (Interlocked.Add(ref _loadedBytes, image.Length) > MaxLoadedBytes)
            {
                // Past the bound, start again: the references in use by a review stay alive through its compilations.
                LoadedAssemblies.Clear();
                Interlocked.Exchange(ref _loadedBytes, image.Length);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return null;
        }

        return LoadedAssemblies.GetOrAdd(file.Path, reference);
    }

    /// <summary>One resolution: the packages found so far, what was left out, and the bounds spent.</summary>
    private sealed class Run(PackageResolver resolver, IReadOnlyList<NuGetFramework> targets, PackageBudget budget, CancellationToken cancellationToken)
    {
        private readonly ConcurrentDictionary<string, PackageAssets> _resolved = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, string> _unresolved = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = [];
        private readonly SemaphoreSlim _downloads = new(8);
        private volatile bool _stored;

        public List<string> Notices { get; } = [];

        private PackageSettings Settings => resolver._settings;

        public async Task ResolveAsync(IReadOnlyList<PackageRequest> requests)
        {
            var level = requests.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(r => (r.Id, Range: r.VersionRange)).ToList();
            var direct = new HashSet<string>(level.Select(r => r.Id), StringComparer.OrdinalIgnoreCase);
            while (level.Count > 0)
            {
                var wanted = new List<(string Id, VersionRange Range)>();
                foreach (var (id, rangeText) in level)
                {
                    if (IsProvidedByTheFramework(id)) continue;
                    if (rangeText is null || !VersionRange.TryParse(rangeText, out var range))
                    {
                        _unresolved.TryAdd(id, rangeText is null ? UnresolvedPackage.NoVersion : $"'{rangeText}' is not a version range NuGet reads");
                        continue;
                    }

                    // A dependency wanting a newer version than the one resolved raises it, as NuGet does; a direct
                    // reference's own version stands.
                    if (_resolved.TryGetValue(id, out var known) && (direct.Contains(id) || range.Satisfies(known.Version) || known.Version >= range.MinVersion)) continue;
                    if (wanted.Any(w => w.Id.Equals(id, StringComparison.OrdinalIgnoreCase))) continue;
                    if (!budget.TryAsk(id))
                    {
                        _unresolved.TryAdd(id, $"the review's limit of {Settings.MaxPackages} packages was reached");
                        continue;
                    }

                    wanted.Add((id, range));
                }

                var found = await Task.WhenAll(wanted.Select(w => ResolveOneAsync(w.Id, w.Range))).ConfigureAwait(false);
                level = [];
                foreach (var assets in found.OfType<PackageAssets>())
                {
                    lock (_order)
                    {
                        if (!_order.Contains(assets.Id, StringComparer.OrdinalIgnoreCase)) _order.Add(assets.Id);
                    }

                    level.AddRange(assets.DependenciesFor(targets).Select(d => (d.Id, (string?)d.VersionRange.ToNormalizedString())));
                }
            }
        }

        private bool IsProvidedByTheFramework(string id) =>
            Infrastructure.Contains(id) || id.StartsWith("runtime.", StringComparison.OrdinalIgnoreCase)
            || FrameworkAssemblyNames.Value.Contains(id);

        private async Task<PackageAssets?> ResolveOneAsync(string id, VersionRange range)
        {
            try
            {
                var assets = await FindAsync(id, range).ConfigureAwait(false);
                if (assets is not null)
                {
                    _resolved[id] = assets;
                    _unresolved.TryRemove(id, out _);
                }

                return assets;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _unresolved.TryAdd(id, "the time for resolving packages ran out");
                throw;
            }
            catch (Exception e) when (Find<PackageTooLargeException>(e) is { } tooLarge)
            {
                _unresolved[id] = tooLarge.Message;
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or PackagingException)
            {
                _unresolved[id] = $"it could not be read ({e.GetType().Name})";
                return null;
            }
        }

        private async Task<PackageAssets?> FindAsync(string id, VersionRange range)
        {
            // What this machine already holds answers first, without a request: the range's lowest version it holds is
            // the one a feed gave for that range before (the exact lower bound, or the first version published above it).
            // A floating range (1.*) wants the feed's newest, so it asks.
            var local = resolver._cache.Versions(id).Concat(resolver._globalFolder.Versions(id)).Distinct().ToList();
            if ((Settings.Offline || !range.IsFloating) && range.FindBestMatch(local) is { } held && Local(id, held) is { } assets) return assets;
            if (Settings.Offline)
            {
                _unresolved[id] = $"no version in {range.ToNormalizedString()} is in the cache, and the review is offline";
                return null;
            }

            var problems = new List<string>();
            foreach (var feed in Settings.Feeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A feed that failed once in this review is not asked again for each of its other packages.
                if (budget.DownFeeds.TryGetValue(feed, out var down))
                {
                    problems.Add(down);
                    continue;
                }

                FindPackageByIdResource source;
                IEnumerable<NuGetVersion> versions;
                using var context = NewSourceContext();
                try
                {
                    source = await resolver.FeedAsync(feed).WaitAsync(cancellationToken).ConfigureAwait(false);
                    versions = await source.GetAllVersionsAsync(id, context, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var problem = $"feed {FeedName(feed)} could not be read ({Reason(e)})";
                    budget.DownFeeds.TryAdd(feed, problem);
                    problems.Add(problem);
                    continue;
                }

                var best = range.FindBestMatch(versions);
                if (best is null) continue;
                if (Local(id, best) is { } known) return known;
                return await DownloadAsync(source, id, best, feed).ConfigureAwait(false);
            }

            _unresolved[id] = problems.Count > 0 && problems.Count == Settings.Feeds.Count
                ? string.Join("; ", problems)
                : $"no version in {range.ToNormalizedString()} is on the feeds" + (problems.Count > 0 ? $" ({string.Join("; ", problems)})" : "");
            return null;
        }

        private async Task<PackageAssets?> DownloadAsync(FindPackageByIdResource source, string id, NuGetVersion version, string feed)
        {
            await _downloads.WaitAsync(cancellationToken).ConfigureAwait(false);
            var temp = resolver._cache.TempPath();
            try
            {
                var allowed = Math.Min(Settings.MaxPackageBytes, Settings.MaxTotalBytes - budget.Downloaded);
                if (allowed <= 0) throw new PackageTooLargeException($"the review's download limit of {Settings.MaxTotalBytes / (1024 * 1024)} MB was reached");
                bool copied;
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite))
                {
                    var bounded = new BoundedWriteStream(file, allowed, $"it is over the limit of {allowed / (1024 * 1024)} MB for one package");
                    using var context = NewSourceContext();
                    copied = await source.CopyNupkgToStreamAsync(id, version, bounded, context, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
                    budget.AddDownloaded(file.Length);
                }

                if (!copied) return null;
                await using var package = new FileStream(temp, FileMode.Open, FileAccess.Read);
                var stored = resolver._cache.Store(id, version, FeedName(feed), package, Settings.MaxPackageBytes, cancellationToken);
                _stored = true;
                return stored;
            }
            finally
            {
                File.Delete(temp);
                _downloads.Release();
            }
        }

        private PackageAssets? Local(string id, NuGetVersion version) => resolver._cache.TryGet(id, version) ?? resolver._globalFolder.TryGet(id, version);

        private SourceCacheContext NewSourceContext() => new()
        {
            // Nothing of NuGet's own HTTP cache in the user's home: the review's cache is the one place packages land.
            NoCache = true,
            DirectDownload = true,
            // A folder of its own: NuGet deletes it when the context is disposed.
            GeneratedTempFolder = resolver._cache.TempPath(),
        };

        public PackageResolution Result()
        {
            var resolved = new List<ResolvedPackage>();
            var references = ImmutableArray.CreateBuilder<MetadataReference>();
            var names = new HashSet<string>(FrameworkAssemblyNames.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var id in _order)
            {
                if (!_resolved.TryGetValue(id, out var assets)) continue;
                var read = new List<string>();
                foreach (var file in assets.CompileAssemblies(targets))
                {
                    // The framework's own copy of an assembly wins over a package's (System.Text.Json and the like).
                    if (!names.Add(Path.GetFileNameWithoutExtension(file.Name))) continue;
                    if (Load(file) is not { } reference) continue;
                    references.Add(reference);
                    read.Add(file.Name);
                }

                resolved.Add(new ResolvedPackage(assets.Id, assets.Version.ToNormalizedString(), assets.Source, read));
            }

            // Only a review that added to the cache can have taken it past its cap.
            if (_stored) resolver._cache.Trim();
            var unresolved = _unresolved.Where(u => !_resolved.ContainsKey(u.Key)).OrderBy(u => u.Key, StringComparer.OrdinalIgnoreCase).Select(u => new UnresolvedPackage(u.Key, u.Value)).ToList();
            return new PackageResolution(resolved, unresolved, references.ToImmutable(), Notices);
        }

        private static T? Find<T>(Exception? e) where T : Exception
        {
            for (; e is not null; e = e.InnerException)
            {
                if (e is T found) return found;
                if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null) is { } inner) return inner;
            }

            return null;
        }

        private static string Reason(Exception e)
        {
            var innermost = e;
            while (innermost.InnerException is not null) innermost = innermost.InnerException;
            return innermost is System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException or IOException ? innermost.Message : innermost.GetType().Name;
        }
    }
}
