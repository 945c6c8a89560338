using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Config;

/// <summary>
/// Where <c>.reviewbot.yml</c> comes from: the base revision (<c>reviewbot review</c>), the default branch (the App),
/// a file named by <c>--config</c>. Never the head under review: a change must not be able to switch its own review off.
/// </summary>
public interface IConfigSource
{
    /// <summary>The settings read with <paramref name="catalog"/>'s rules; null when there is no file.</summary>
    ConfigLoadResult? Load(RuleCatalog catalog);
}

/// <summary>A <c>.reviewbot.yml</c> whose text was read already (the App reads the default branch's through the API).</summary>
public sealed class TextConfigSource(string text, long sizeBytes, string sourceName = ReviewConfigLoader.FileName) : IConfigSource
{
    public ConfigLoadResult? Load(RuleCatalog catalog) => ReviewConfigLoader.Load(sizeBytes, () => text, sourceName, catalog);
}

/// <summary>A settings file on disk (<c>reviewbot review --config FILE</c>); null when it does not exist.</summary>
public sealed class FileConfigSource(string path) : IConfigSource
{
    public ConfigLoadResult? Load(RuleCatalog catalog) =>
        File.Exists(path) ? ReviewConfigLoader.Load(new FileInfo(path).Length, () => File.ReadAllText(path), path, catalog) : null;
}

/// <summary>No file: the defaults.</summary>
public sealed class NoConfigSource : IConfigSource
{
    public static NoConfigSource Instance { get; } = new();

    public ConfigLoadResult? Load(RuleCatalog catalog) => null;
}
