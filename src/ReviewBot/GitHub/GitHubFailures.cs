using Octokit;

namespace ReviewBot.GitHub;

/// <summary>
/// How the publisher's failures read to those who call it (the job worker, Actions mode), so that none of them needs
/// Octokit's exception types.
/// </summary>
internal static class GitHubFailures
{
    /// <summary>GitHub answered with an error status.</summary>
    public static bool IsAnswer(Exception error) => error is ApiException;

    /// <summary>GitHub answered with an error status, or the request got no answer.</summary>
    public static bool IsRequestFailure(Exception error) => error is ApiException or HttpRequestException;

    /// <summary>GitHub answered 403: the token may not do this.</summary>
    public static bool IsForbidden(Exception error) => error is ForbiddenException;

    /// <summary>The status GitHub answered with; null when it did not answer with an error.</summary>
    public static int? Status(Exception error) => error is ApiException api ? (int)api.StatusCode : null;

    /// <summary><c>GitHub answered 404: Not Found</c>, or null when GitHub did not answer with an error.</summary>
    public static string? Describe(Exception error) => error is ApiException api ? $"GitHub answered {(int)api.StatusCode}: {api.Message}" : null;
}
