using System.Net;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>
/// A repository's <c>.reviewbot.yml</c> is input written by whoever can push to its default branch. One built to exhaust
/// the YAML reader (100,000 brackets deep: a stack overflow that ended <c>serve</c> on every start) must cost that
/// repository its settings, with a notice, and nothing else: its pull request and every other repository are reviewed.
/// </summary>
public sealed class PoisonedConfigurationTests
{
    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Fact]
    public async Task DeepConfiguration_ItsPullRequestIsReviewedWithANotice_AndAnotherRepositoryToo()
    {
        var poisoned = new Dictionary<string, string>(EndToEndTests.BaseFiles)
        {
            [".reviewbot.yml"] = "exclude: " + Repeat("[", 100_000) + Repeat("]", 100_000) + "\n",
        };
        await using var harness = await AppHarness.CreateAsync(poisoned);
        var otherWork = new WorkRepository(Path.Combine(harness.Root, "other-work"));
        foreach (var (path, content) in EndToEndTests.BaseFiles) otherWork.Write(path, content);
        otherWork.Commit("base");
        var otherRepository = harness.GitHub.AddRepository(AppHarness.InstallationId, AppHarness.RepositoryId + 1, AppHarness.Owner, "Other", otherWork);
        otherWork.Checkout("changes", create: true);
        foreach (var (path, content) in EndToEndTests.FirstChange) otherWork.Write(path, content!);
        otherWork.Commit("change");
        var otherPull = harness.GitHub.SetPullRequest(otherRepository, 7, "main", otherWork);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);

        using (var first = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, first);
        }

        using (var second = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", otherPull)))
        {
            await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, second);
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        await FakeGitHubServer.WaitUntilAsync(
            () => harness.GitHub.CheckRuns(otherRepository, otherPull.HeadSha).Any(r => r.Status == "completed"),
            TimeSpan.FromSeconds(60),
            "the other repository's review");

        Assert.Equal("success", run.Conclusion);
        var summary = Assert.Single(harness.GitHub.IssueComments(pull)).Body;
        Assert.Contains("nested deeper than", summary, StringComparison.Ordinal);
        Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Single(harness.GitHub.Reviews(otherPull));
        Assert.Equal(2, harness.GitHub.ReviewComments(otherPull).Count);
        Assert.DoesNotContain("nested deeper than", Assert.Single(harness.GitHub.IssueComments(otherPull)).Body, StringComparison.Ordinal);
    }
}
