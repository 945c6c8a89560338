namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Read-only access to the repository at the reviewed revision, for analyzers that need context beyond the changed
/// files (the C# analyzer's semantic model reads the rest of a project directory). Everything here is bounded by the
/// caller: a pull request controls these files.
/// </summary>
public interface IRepositorySnapshot
{
    /// <summary>Every file path at the revision, repository-relative with forward slashes.</summary>
    IReadOnlyList<string> AllPaths { get; }

    /// <summary>The decoded text of <paramref name="path"/>, or null when it is missing, binary or larger than <paramref name="maxBytes"/>.</summary>
    string? ReadText(string path, long maxBytes);
}

/// <summary>A snapshot over an in-memory set of files; used by tests and by callers without a repository.</summary>
public sealed class InMemorySnapshot(IReadOnlyDictionary<string, string> files) : IRepositorySnapshot
{
    public static InMemorySnapshot Empty { get; } = new(new Dictionary<string, string>());

    public IReadOnlyList<string> AllPaths { get; } = files.Keys.Order(StringComparer.Ordinal).ToList();

    public string? ReadText(string path, long maxBytes) =>
        files.TryGetValue(path, out var text) && text.Length <= maxBytes ? text : null;
}
