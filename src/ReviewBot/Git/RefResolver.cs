using LibGit2Sharp;

namespace ReviewBot.Git;

/// <summary>Resolves what a user types for <c>--base</c> and <c>--head</c>: a branch, a remote branch, a tag or a commit sha.</summary>
public static class RefResolver
{
    public static Commit Resolve(Repository repository, string reference, string optionName)
    {
        GitObject? found;
        try
        {
            found = repository.Lookup(reference);
            found ??= repository.Lookup($"refs/remotes/origin/{reference}");
        }
        catch (LibGit2SharpException)
        {
            found = null;
        }

        return found?.Peel<Commit>()
            ?? throw new GitReviewException(
                $"{optionName} '{reference}' is not a branch, tag or commit of this repository. List them with `git branch -a` and `git tag`.");
    }

    /// <summary>The base a pull request would most likely target: the remote's default branch, else main, else master.</summary>
    public static string DefaultBase(Repository repository)
    {
        if (repository.Refs["refs/remotes/origin/HEAD"] is SymbolicReference { Target: { } target })
        {
            return target.CanonicalName.Replace("refs/remotes/", "", StringComparison.Ordinal);
        }

        foreach (var name in new[] { "main", "master", "origin/main", "origin/master" })
        {
            if (repository.Branches[name] is not null) return name;
        }

        throw new GitReviewException("No --base given and the repository has no origin/HEAD, main or master branch. Pass --base BRANCH.");
    }
}
