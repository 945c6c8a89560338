using System.Security.Cryptography;
using System.Text.Json;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ReviewBot.CSharp.Packages;

/// <summary>A package, or what would be read of it, over one of the bounds.</summary>
internal sealed class PackageTooLargeException(string message) : Exception(message);

/// <summary>
/// The packages every review has read, on disk and shared: each assembly stored once under its SHA-256
/// (<c>blobs/ab/abcd….dll</c>) and each package's manifest (<c>packages/&lt;id&gt;/&lt;version&gt;.json</c>: its assembly
/// groups and dependencies) naming them. Files are written to a temporary name and renamed, so concurrent reviews and
/// replicas on one directory never see half a file; past the size cap the assemblies used least recently go, and a
/// manifest missing one of its assemblies reads as not cached.
/// </summary>
internal sealed class PackageCache
{
    // Marking a use rewrites a timestamp; once per interval per file is enough for least-recently-used order.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(10);

    private readonly string _root;
    private readonly long _capBytes;

    public PackageCache(string directory, long capBytes)
    {
        _root = directory;
        _capBytes = capBytes;
    }

    private string BlobsDirectory => Path.Combine(_root, "blobs");

    private string ManifestPath(string id, NuGetVersion version) =>
        Path.Combine(_root, "packages", id.ToLowerInvariant(), version.ToNormalizedString().ToLowerInvariant() + ".json");

    /// <summary>The versions of <paramref name="id"/> the cache holds (what an offline review can choose from).</summary>
    public IReadOnlyList<NuGetVersion> Versions(string id)
    {
        var folder = Path.Combine(_root, "packages", id.ToLowerInvariant());
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, "*.json").Select(f => NuGetVersion.TryParse(Path.GetFileNameWithoutExtension(f), out var v) ? v : null).OfType<NuGetVersion>()];
    }

    /// <summary>The cached package, its uses marked, or null when it is not cached whole.</summary>
    public PackageAssets? TryGet(string id, NuGetVersion version)
    {
        var path = ManifestPath(id, version);
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }

        if (manifest is null) return null;
        foreach (var blob in manifest.Groups.SelectMany(g => g.Files).Select(f => BlobPath(f.Sha256)))
        {
            if (!File.Exists(blob)) return null;
            Touch(blob);
        }

        Touch(path);
        return Assets(manifest, version, "cache");
    }

    /// <summary>What a manifest says of its package, its assemblies at their paths in the cache.</summary>
    private PackageAssets Assets(Manifest manifest, NuGetVersion version, string source)
    {
        var groups = manifest.Groups
            .Select(g => new AssemblyGroup(g.Kind, NuGetFramework.ParseFolder(g.Framework), [.. g.Files.Select(f => new AssemblyFile(f.Name, BlobPath(f.Sha256)))]))
            .ToList();
        var dependencies = manifest.Dependencies
            .Select(d => new PackageDependencyGroup(NuGetFramework.ParseFolder(d.Framework), d.Packages.Select(p => new PackageDependency(p.Id, VersionRange.Parse(p.Range)))))
            .ToList();
        return new PackageAssets(manifest.Id, version, source, groups, dependencies);
    }

    /// <summary>
    /// Reads a downloaded package: its nuspec's dependencies and its <c>ref/</c> and <c>lib/</c> assemblies, each copied
    /// into the cache with at most <paramref name="maxBytes"/> read in all (the archive's own sizes are not trusted).
    /// </summary>
    public PackageAssets Store(string id, NuGetVersion version, string source, Stream package, long maxBytes, CancellationToken cancellationToken)
    {
        using var reader = new PackageArchiveReader(package, leaveStreamOpen: true);
        var dependencies = reader.GetPackageDependencies().ToList();
        var groups = new Dictionary<(string Kind, NuGetFramework Framework), List<ManifestFile>>();
        var read = 0L;
        foreach (var (kind, framework, entry) in PackageAssets.AssemblyEntries(reader.GetFiles()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!groups.TryGetValue((kind, framework), out var files)) groups[(kind, framework)] = files = [];
            if (entry is null) continue;
            using var stream = reader.GetStream(entry);
            var (sha, bytes) = WriteBlob(stream, maxBytes - read, id, cancellationToken);
            read += bytes;
            files.Add(new ManifestFile(Path.GetFileName(entry), sha));
        }

        var manifest = new Manifest(
            reader.GetIdentity().Id,
            [.. groups.Select(g => new ManifestGroup(g.Key.Kind, g.Key.Framework.GetShortFolderName(), g.Value))],
            [.. dependencies.Select(d => new ManifestDependencies(d.TargetFramework.GetShortFolderName(), [.. d.Packages.Select(p => new ManifestDependency(p.Id, p.VersionRange.ToNormalizedString()))]))]);
        WriteAtomically(ManifestPath(id, version), JsonSerializer.SerializeToUtf8Bytes(manifest));
        return Assets(manifest, version, source);
    }

    /// <summary>Deletes the assemblies used least recently until the cache is under nine tenths of its cap.</summary>
    public void Trim()
    {
        if (!Directory.Exists(BlobsDirectory)) return;
        var blobs = new DirectoryInfo(BlobsDirectory).EnumerateFiles("*.dll", SearchOption.AllDirectories).ToList();
        var total = blobs.Sum(b => b.Length);
        if (total <= _capBytes) return;
        foreach (var blob in blobs.OrderBy(b => b.LastWriteTimeUtc))
        {
            if (total <= _capBytes * 9 / 10) break;
            try
            {
                blob.Delete();
                total -= blob.Length;
            }
            catch (IOException)
            {
                // Another process deleted it first.
            }
        }
    }

    private string BlobPath(string sha) => Path.Combine(BlobsDirectory, sha[..2], sha + ".dll");

    private (string Sha, long Bytes) WriteBlob(Stream source, long remaining, string id, CancellationToken cancellationToken)
    {
        var temp = TempPath();
        long bytes = 0;
        string sha;
        try
        {
            using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    bytes += n;
                    if (bytes > remaining) throw new PackageTooLargeException($"Package '{id}' holds more assembly bytes than the limit allows.");
                    hash.AppendData(buffer, 0, n);
                    target.Write(buffer, 0, n);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var path = BlobPath(sha);
            if (File.Exists(path))
            {
                Touch(path);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(temp, path, overwrite: true);
            }

            return (sha, bytes);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private void WriteAtomically(string path, byte[] content)
    {
        var temp = TempPath();
        File.WriteAllBytes(temp, content);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A new file name in the cache's own temporary folder (on the same file system, so a rename is atomic).</summary>
    public string TempPath()
    {
        var folder = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    private static void Touch(string path)
    {
        try
        {
            var now = DateTime.UtcNow;
            if (now - File.GetLastWriteTimeUtc(path) > TouchInterval) File.SetLastWriteTimeUtc(path, now);
        }
        catch (IOException)
        {
            // Evicted meanwhile: the next read of it is a miss.
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only cache still serves.
        }
    }

    private sealed record Manifest(string Id, List<ManifestGroup> Groups, List<ManifestDependencies> Dependencies);

    private sealed record ManifestGroup(string Kind, string Framework, List<ManifestFile> Files);

    private sealed record ManifestFile(string Name, string Sha256);

    private sealed record ManifestDependencies(string Framework, List<ManifestDependency> Packages);

    private sealed record ManifestDependency(string Id, string Range);
}
