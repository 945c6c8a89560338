namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Whether each analyzed file bound without a compiler error in the analyzer's semantic model, collected on request
/// (<c>reviewbot review --binding</c>). Rules that need a bound file go quiet on a file in error, so this is the
/// first thing to look at when a language is silent on real code.
/// </summary>
public sealed class BindingLog
{
    private readonly List<FileBinding> _files = [];

    /// <summary>The files recorded so far, in path order.</summary>
    public IReadOnlyList<FileBinding> Files
    {
        get
        {
            lock (_files) return [.. _files.OrderBy(f => f.Path, StringComparer.Ordinal)];
        }
    }

    /// <summary>Records one file; analyzers call it from several threads.</summary>
    public void Add(FileBinding file)
    {
        lock (_files) _files.Add(file);
    }
}

/// <summary>One file's binding: how many compiler errors it has, and the first of them.</summary>
/// <param name="Path">The file's path in the repository.</param>
/// <param name="ErrorCount">How many compiler errors its semantic model reports.</param>
/// <param name="FirstError">The first error as <c>CS0246 on line 12: message</c>; null when there is none.</param>
public sealed record FileBinding(string Path, int ErrorCount, string? FirstError);
