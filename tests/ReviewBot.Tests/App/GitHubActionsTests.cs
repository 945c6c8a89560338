using System.Text.Json.Nodes;
using ReviewBot.Cli;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>
/// <c>reviewbot review --github</c> as a workflow runs it: an event file, the variables Actions sets, the checked-out
/// repository, and the strict fake API over real HTTP.
/// </summary>
public sealed class GitHubActionsTests : IAsyncLifetime
{
    private AppHarness _harness = null!;
    private FakePullRequest _pull = null!;
    private string _eventPath = null!;

    public async Task InitializeAsync()
    {
        _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        _pull = _harness.OpenPullRequest(EndToEndTests.FirstChange);
        _eventPath = Path.Combine(_harness.Root, "event.json");
        await File.WriteAllTextAsync(_eventPath, _harness.Payload("pull_request/opened.2.json", _pull));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Dictionary<string, string?> Environment(string token) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_EVENT_PATH"] = _eventPath,
        ["GITHUB_REPOSITORY"] = _harness.Repository.FullName,
        ["GITHUB_API_URL"] = _harness.GitHub.ApiUrl.ToString().TrimEnd('/'), // as Actions sets it: no trailing slash
        ["GITHUB_TOKEN"] = token,
    };

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ReviewCommand.RunAsync(
            ["--github", "--repo", _harness.Work.Path, .. extra], name => environment.GetValueOrDefault(name), stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task PullRequestEvent_PublishesReviewSummaryAndCheckRun()
    {
        var token = _harness.GitHub.IssueToken(AppHarness.InstallationId);

        var (code, stdout, stderr) = await RunAsync(Environment(token));

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("get_value", stdout, StringComparison.Ordinal);
        var run = Assert.Single(_harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha));
        Assert.Equal(("ReviewBot", "completed", "success"), (run.Name, run.Status, run.Conclusion));
        Assert.Equal(2, run.Annotations.Count);
        var review = Assert.Single(_harness.GitHub.Reviews(_pull));
        Assert.Equal(_pull.HeadSha, review.CommitId);
        Assert.Equal(2, _harness.GitHub.ReviewComments(_pull).Count);
        var summary = Assert.Single(_harness.GitHub.IssueComments(_pull));
        Assert.Contains("<!-- reviewbot:summary -->", summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Status >= 400);
        Assert.Contains(_harness.GitHub.Requests, r => r.Method == "GET" && r.Path.EndsWith($"/pulls/{_pull.Number}/files", StringComparison.Ordinal)); // GitHub's diff checked

        // The workflow runs again on the same head (re-run): nothing posted twice, the summary kept, a new check run.
        var (again, _, againErr) = await RunAsync(Environment(token));
        Assert.True(again == ExitCodes.Success, againErr);
        Assert.Equal(2, _harness.GitHub.ReviewComments(_pull).Count);
        Assert.Single(_harness.GitHub.IssueComments(_pull));
        Assert.Equal(2, _harness.GitHub.CheckRuns(_harness.Repository, _pull.HeadSha).Count);
    }

    [Fact]
    public async Task PatchOmittedByGitHub_NoInlineCommentOnThatFile_FindingsInTheSummary()
    {
        var token = _harness.GitHub.IssueToken(AppHarness.InstallationId);
        _harness.GitHub.OmitPatchOf("src/Widget.cs");

        var (code, _, stderr) = await RunAsync(Environment(token));

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Empty(_harness.GitHub.ReviewComments(_pull));
        Assert.Empty(_harness.GitHub.Reviews(_pull)); // nothing to comment on inline: no empty review
        var summary = Assert.Single(_harness.GitHub.IssueComments(_pull)).Body;
        Assert.Contains("Not posted as inline comments** (2)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Status >= 400);
    }

    [Fact]
    public async Task TokenMayNotWriteChecks_ReviewAndSummaryPublished_SayingSo()
    {
        var token = _harness.GitHub.IssueToken(AppHarness.InstallationId, checksWrite: false);

        var (code, _, stderr) = await RunAsync(Environment(token));

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("::warning::", stderr, StringComparison.Ordinal);
        Assert.Contains("checks: write", stderr, StringComparison.Ordinal);
        Assert.Empty(_harness.GitHub.CheckRuns(_harness.Repository));
        Assert.Equal(2, _harness.GitHub.ReviewComments(_pull).Count);
        var summary = Assert.Single(_harness.GitHub.IssueComments(_pull)).Body;
        Assert.Contains("<!-- reviewbot:summary -->", summary, StringComparison.Ordinal);
        Assert.Contains("may not write checks", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingAtFailOn_ExitsOne_AfterPublishing()
    {
        var token = _harness.GitHub.IssueToken(AppHarness.InstallationId);
        var config = Path.Combine(_harness.Root, "strict.yml");
        await File.WriteAllTextAsync(config, EndToEndTests.QuietConfig + "fail_on: warning\n");

        var (code, _, stderr) = await RunAsync(Environment(token), "--config", config);

        Assert.True(code == ExitCodes.FailOnMet, stderr);
        Assert.Equal("failure", Assert.Single(_harness.GitHub.CheckRuns(_harness.Repository)).Conclusion);
        Assert.Single(_harness.GitHub.Reviews(_pull));
    }

    [Fact]
    public async Task BaseCommitNotCheckedOut_ExitTwo_AsksForFullHistory()
    {
        var token = _harness.GitHub.IssueToken(AppHarness.InstallationId);
        var shallow = JsonNode.Parse(await File.ReadAllTextAsync(_eventPath))!;
        shallow["pull_request"]!["base"]!["sha"] = "5f3c7a1e0b9d2c4f6a8e1b3d5c7f9a0b2d4e6f81";
        await File.WriteAllTextAsync(_eventPath, shallow.ToJsonString());

        var (code, _, stderr) = await RunAsync(Environment(token));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("fetch-depth: 0", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.GitHub.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Draft_Reviewed_NotPublished()
    {
        var draft = JsonNode.Parse(await File.ReadAllTextAsync(_eventPath))!;
        draft["pull_request"]!["draft"] = true;
        await File.WriteAllTextAsync(_eventPath, draft.ToJsonString());

        var (code, stdout, stderr) = await RunAsync(Environment(_harness.GitHub.IssueToken(AppHarness.InstallationId)));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("get_value", stdout, StringComparison.Ordinal);
        Assert.Contains("review_drafts", stderr, StringComparison.Ordinal);
        Assert.Empty(_harness.GitHub.Requests);
    }

    [Theory]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("GITHUB_EVENT_PATH")]
    [InlineData("GITHUB_REPOSITORY")]
    public async Task SettingMissing_ExitTwo_NamingIt(string missing)
    {
        var environment = Environment(_harness.GitHub.IssueToken(AppHarness.InstallationId));
        environment.Remove(missing);

        var (code, _, stderr) = await RunAsync(environment);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.Empty(_harness.GitHub.Requests);
    }

    [Fact]
    public async Task NotAPullRequestEvent_ExitTwo()
    {
        await File.WriteAllTextAsync(_eventPath, await File.ReadAllTextAsync(AppHarness.FixturePath("push/event.1.json")));

        var (code, _, stderr) = await RunAsync(Environment(_harness.GitHub.IssueToken(AppHarness.InstallationId)));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("pull_request", stderr, StringComparison.Ordinal);
    }
}
