using System.Text.Json.Nodes;

namespace ReviewBot.Tests.FakeGitHub;

/// <summary>A repository the fake serves: its git data is a bare repository under the fake's root.</summary>
public sealed class FakeRepository
{
    internal FakeRepository(long id, long installationId, string owner, string name, string barePath, string defaultBranch)
    {
        Id = id;
        InstallationId = installationId;
        Owner = owner;
        Name = name;
        BarePath = barePath;
        DefaultBranch = defaultBranch;
    }

    public long Id { get; }
    public long InstallationId { get; }
    public string Owner { get; }
    public string Name { get; }
    public string FullName => $"{Owner}/{Name}";
    public string BarePath { get; }
    public string DefaultBranch { get; }
    internal Dictionary<int, FakePullRequest> Pulls { get; } = [];
}

/// <summary>A pull request: its base branch and head sha, and what has been posted on it.</summary>
public sealed class FakePullRequest
{
    internal FakePullRequest(FakeRepository repository, int number, string baseRef, string headSha)
    {
        Repository = repository;
        Number = number;
        BaseRef = baseRef;
        HeadSha = headSha;
    }

    public FakeRepository Repository { get; }
    public int Number { get; }
    public string BaseRef { get; }
    public string HeadSha { get; internal set; }

    /// <summary><c>open</c> or <c>closed</c>, as the pulls API reports it.</summary>
    public string State { get; set; } = "open";
    internal List<FakeReview> Reviews { get; } = [];
    internal List<FakeReviewComment> ReviewComments { get; } = [];
    internal List<FakeIssueComment> IssueComments { get; } = [];
}

public sealed record FakeReview(long Id, string CommitId, string Event, string Body, IReadOnlyList<long> CommentIds);

public sealed record FakeReviewComment(long Id, long ReviewId, string CommitId, string Path, int Line, string Side, int? StartLine, string Body);

public sealed class FakeIssueComment
{
    internal FakeIssueComment(long id, string body, string author = FakeGitHubServer.BotLogin, string association = "NONE", string userType = "Bot")
    {
        Id = id;
        Body = body;
        Author = author;
        Association = association;
        UserType = userType;
    }

    public long Id { get; }

    /// <summary>The comment's <c>author_association</c> (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE...).</summary>
    public string Association { get; }

    /// <summary>The author's account type: <c>User</c> or <c>Bot</c>.</summary>
    public string UserType { get; }

    /// <summary>The reactions on the comment, in order, as (login of who reacted, content).</summary>
    public List<(string Login, string Content)> Reactions { get; } = [];

    /// <summary>The login of the author; the App's own comments are by <see cref="FakeGitHubServer.BotLogin"/>.</summary>
    public string Author { get; }
    public string Body { get; internal set; }
    public int Edits { get; internal set; }
}

public sealed record FakeAnnotation(string Path, int StartLine, int EndLine, string Level, string Message, string? Title);

/// <summary>A check run and every update it received.</summary>
public sealed class FakeCheckRun
{
    internal FakeCheckRun(long id, FakeRepository repository, string name, string headSha)
    {
        Id = id;
        Repository = repository;
        Name = name;
        HeadSha = headSha;
    }

    public long Id { get; }
    public FakeRepository Repository { get; }
    public string Name { get; }
    public string HeadSha { get; }
    public string Status { get; internal set; } = "queued";
    public string? Conclusion { get; internal set; }
    public string? Title { get; internal set; }
    public string? Summary { get; internal set; }
    public string? Text { get; internal set; }
    public List<FakeAnnotation> Annotations { get; } = [];
    public int Updates { get; internal set; }
}

/// <summary>One request the fake answered (or refused), for assertions on traffic.</summary>
/// <summary>A request as the fake saw it: the installation whose token it carried, and when it arrived.</summary>
public sealed record FakeRequest(string Method, string Path, int Status, string? Error, long? Installation = null, DateTimeOffset At = default);

/// <summary>A failure the fake answers with instead of serving a request.</summary>
public enum FakeFault
{
    /// <summary>502 Bad Gateway, as GitHub's front end answers when a backend times out.</summary>
    BadGateway,

    /// <summary>403 with <c>Retry-After</c> and GitHub's secondary-rate-limit message.</summary>
    SecondaryRateLimit,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    TooManyRequests,
}

/// <summary>A request held by the fake until the test releases it (or the client goes away).</summary>
public sealed class FakeGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeGate(string method, string pathPattern)
    {
        Method = method;
        PathPattern = new System.Text.RegularExpressions.Regex(pathPattern);
    }

    internal string Method { get; }
    internal System.Text.RegularExpressions.Regex PathPattern { get; }

    /// <summary>Completes when a matching request has arrived and is being held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>True when the held request's client disconnected before the release (the fake then applied nothing).</summary>
    public bool Abandoned { get; internal set; }

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync(CancellationToken aborted)
    {
        _reached.TrySetResult();
        return _released.Task.WaitAsync(aborted);
    }
}

internal static class Json
{
    public static JsonObject User(string login, long id, string type) => new()
    {
        ["login"] = login,
        ["id"] = id,
        ["node_id"] = $"U_{id}",
        ["type"] = type,
        ["site_admin"] = false,
    };
}
