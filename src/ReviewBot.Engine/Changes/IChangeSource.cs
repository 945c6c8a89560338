using ReviewBot.Engine.Analysis;

namespace ReviewBot.Engine.Changes;

/// <summary>
/// Where the changes under review come from: two revisions of a local repository (<c>reviewbot review</c>), or a pull
/// request fetched into the App's cache. Git's side lives in the executable's <c>Git/</c>; the engine sees only this.
/// </summary>
public interface IChangeSource
{
    /// <summary>The three-dot change (merge base to head), each file read within <paramref name="limits"/>.</summary>
    ChangeSet ReadChanges(FileLimits limits);
}
