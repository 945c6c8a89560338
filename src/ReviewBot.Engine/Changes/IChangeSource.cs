using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Changes;

/// <summary>
/// Where the changes under review come from: two revisions of a local repository (<c>reviewbot review</c>), or a pull
/// request fetched into the App's cache. Git's side lives in the executable's <c>Git/</c>; the engine sees only this.
/// </summary>
public interface IChangeSource
{
    /// <summary>The three-dot change (merge base to head), each file read within <paramref name="limits"/>.</summary>
    ChangeSet ReadChanges(FileLimits limits);

    /// <summary>As <see cref="ReadChanges(FileLimits)"/>, recording where the time goes in <paramref name="timings"/> when given.</summary>
    ChangeSet ReadChanges(FileLimits limits, ReviewTimings? timings) => ReadChanges(limits);
}
