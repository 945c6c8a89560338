using System.Net;
using ReviewBot.Tests.FakeGitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>Real payloads, signed, to the running App; assertions on what reached the strict fake GitHub.</summary>
public class EndToEndTests
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    /// <summary>
    /// The repository settings of the tests: only the categories they assert on, so that rules added to the engine
    /// later do not change what these tests count.
    /// </summary>
    internal const string QuietConfig = """
        categories:
          documentation: off
          complexity: off
          function-length: off
          test-style: off
          assertions: off
          logging: off
          security: off

        """;

    internal static readonly Dictionary<string, string> BaseFiles = new()
    {
        [".reviewbot.yml"] = QuietConfig,
        ["src/Widget.cs"] = """
            namespace Demo;

            public class Widget
            {
                public int Value() => 1;
            }

            """,
        ["README.md"] = "# Demo\n",
    };

    internal static readonly Dictionary<string, string?> FirstChange = new()
    {
        ["src/Widget.cs"] = """
            namespace Demo;

            public class Widget
            {
                public int Value() => 1;

                public int get_value() => 2;

                public void load_settings()
                {
                }
            }

            """,
    };

    [StoreFact]
    public async Task Opened_PublishesOneReviewSummaryAndCompletedCheckRun()
    {
        await using var harness = await AppHarness.CreateAsync(BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(FirstChange);

        using var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull));

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal("ReviewBot", run.Name);
        Assert.Equal("success", run.Conclusion);
        Assert.Equal(2, run.Annotations.Count);
        Assert.All(run.Annotations, a => Assert.Equal("warning", a.Level));
        Assert.Contains("2 findings", run.Title, StringComparison.Ordinal);

        var review = Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(pull.HeadSha, review.CommitId);
        Assert.Equal("COMMENT", review.Event);
        var comments = harness.GitHub.ReviewComments(pull);
        Assert.Equal(2, comments.Count);
        Assert.Equal([7, 9], comments.Select(c => c.Line).Order());
        Assert.All(comments, c => Assert.Equal("RIGHT", c.Side));
        Assert.All(comments, c => Assert.Contains("<!-- reviewbot:fingerprint:", c.Body, StringComparison.Ordinal));
        Assert.All(comments, c => Assert.Contains("[RBCS201](", c.Body, StringComparison.Ordinal));

        var summary = Assert.Single(harness.GitHub.IssueComments(pull));
        Assert.Contains("<!-- reviewbot:summary -->", summary.Body, StringComparison.Ordinal);
        Assert.Equal(0, summary.Edits);
        // git's first request goes without credentials and is challenged (401); the API never refused anything.
        Assert.DoesNotContain(harness.GitHub.Requests, r => r.Status >= 400 && r.Path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Contains(harness.GitHub.Requests, r => r.Path.EndsWith("/git-upload-pack", StringComparison.Ordinal) && r.Status == 200);
    }

    [StoreFact]
    public async Task Synchronize_OneFixedOneAdded_NoDuplicateCommentSummaryEditedNewCheckRun()
    {
        await using var harness = await AppHarness.CreateAsync(BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(FirstChange);
        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var firstHead = pull.HeadSha;
        await harness.WaitForCompletedCheckRunAsync(firstHead);
        var firstComments = harness.GitHub.ReviewComments(pull);

        harness.UpdatePullRequest(new Dictionary<string, string?>
        {
            ["src/Widget.cs"] = """
                namespace Demo;

                public class Widget
                {
                    public int Value() => 1;

                    public int GetValue() => 2;

                    public void load_settings()
                    {
                    }

                    public void save_settings()
                    {
                    }
                }

                """,
        });
        Assert.NotEqual(firstHead, pull.HeadSha);
        using var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/synchronize.1.json", pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(2, run.Annotations.Count);
        Assert.Single(harness.GitHub.CheckRuns(harness.Repository, firstHead));
        Assert.Single(harness.GitHub.CheckRuns(harness.Repository, pull.HeadSha));

        var comments = harness.GitHub.ReviewComments(pull);
        Assert.Equal(firstComments.Count + 1, comments.Count);
        var added = Assert.Single(comments, c => c.CommitId == pull.HeadSha);
        Assert.Contains("save_settings", added.Body, StringComparison.Ordinal);
        Assert.Single(comments, c => c.Body.Contains("load_settings", StringComparison.Ordinal));
        Assert.Equal(2, harness.GitHub.Reviews(pull).Count);

        var summary = Assert.Single(harness.GitHub.IssueComments(pull));
        Assert.Equal(1, summary.Edits);
        Assert.Equal(1, harness.GitHub.TokensIssued); // the installation token is cached between jobs
        Assert.Contains("save_settings", summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("get_value", summary.Body, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task PersonQuotingTheSummaryMarker_TheirCommentLeftAlone()
    {
        await using var harness = await AppHarness.CreateAsync(BaseFiles, OnPostgres);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(FirstChange);
        var quote = harness.GitHub.AddUserComment(pull, "octocat", "How does ReviewBot find its comment? `<!-- reviewbot:summary -->`");

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(0, quote.Edits);
        Assert.Equal(2, harness.GitHub.IssueComments(pull).Count);
        Assert.Single(harness.GitHub.IssueComments(pull), c => c.Author == FakeGitHubServer.BotLogin);
    }
}
