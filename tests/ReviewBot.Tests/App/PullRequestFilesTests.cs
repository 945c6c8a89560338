using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Tests.FakeGitHub;

namespace ReviewBot.Tests.App;

/// <summary>
/// Inline comments go only where GitHub's own diff of the pull request (its pulls files API) allows them, and the
/// pull request ends with one review.
/// </summary>
public sealed class PullRequestFilesTests
{
    private const string OtherFile = "src/Other.cs";

    private static readonly Dictionary<string, string?> TwoFilesChanged = new(EndToEndTests.FirstChange)
    {
        [OtherFile] = "namespace Demo;\n\npublic class Other\n{\n    public void do_it()\n    {\n    }\n}\n",
    };

    [Fact]
    public async Task PatchOmittedByGitHub_FindingNotPostedInline_InSummary_OneReview()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(TwoFilesChanged);
        harness.GitHub.OmitPatchOf(OtherFile);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        Assert.Equal(3, run.Annotations.Count);
        Assert.Contains(run.Annotations, a => a.Path == OtherFile);
        var comments = harness.GitHub.ReviewComments(pull);
        Assert.Equal(2, comments.Count);
        Assert.All(comments, c => Assert.Equal("src/Widget.cs", c.Path));
        Assert.Single(harness.GitHub.Reviews(pull));
        var summary = Assert.Single(harness.GitHub.IssueComments(pull)).Body;
        var notInline = NotPostedInlineSection(summary);
        Assert.StartsWith("**Not posted as inline comments** (1)", notInline, StringComparison.Ordinal);
        Assert.Contains(OtherFile, notInline, StringComparison.Ordinal);
        Assert.DoesNotContain("src/Widget.cs", notInline, StringComparison.Ordinal);

        // Checked against GitHub's diff before posting: no review was refused on the way.
        Assert.DoesNotContain(harness.GitHub.Requests, r => r.Path.EndsWith("/reviews", StringComparison.Ordinal) && r.Status == 422);
        Assert.Contains(harness.GitHub.Requests, r => r.Method == "GET" && r.Path.EndsWith("/pulls/2/files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitHubDiffChangesBeforeThePost_RefusedOnce_RetriedWithoutTheComment_OneReview()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(TwoFilesChanged);
        var gate = harness.GitHub.Hold("POST", "/pulls/2/reviews$");

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        // The files were listed with every patch; GitHub then stops showing one file's diff before the review arrives.
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        harness.GitHub.OmitPatchOf(OtherFile);
        gate.Release();

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var review = Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(2, review.CommentIds.Count);
        Assert.All(harness.GitHub.ReviewComments(pull), c => Assert.Equal("src/Widget.cs", c.Path));
        var notInline = NotPostedInlineSection(Assert.Single(harness.GitHub.IssueComments(pull)).Body);
        Assert.StartsWith("**Not posted as inline comments** (1)", notInline, StringComparison.Ordinal);
        Assert.Contains(OtherFile, notInline, StringComparison.Ordinal);
        var reviewPosts = harness.GitHub.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal)).Select(r => r.Status);
        Assert.Equal([422, 200], reviewPosts);
    }

    [Fact]
    public async Task NormalPublish_OneReview_FilesListedBeforePosting()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(TwoFilesChanged);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        var review = Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(3, review.CommentIds.Count);
        Assert.Contains(harness.GitHub.ReviewComments(pull), c => c.Path == OtherFile);
        var requests = harness.GitHub.Requests.ToList();
        var files = requests.FindIndex(r => r.Method == "GET" && r.Path.EndsWith("/pulls/2/files", StringComparison.Ordinal));
        var post = requests.FindIndex(r => r.Method == "POST" && r.Path.EndsWith("/pulls/2/reviews", StringComparison.Ordinal));
        Assert.InRange(files, 0, post);
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/api/v3/", StringComparison.Ordinal) && r.Status >= 400); // git's 401 challenge aside
    }

    [Fact]
    public async Task MoreThan100Files_FilesListPaged_CommentOnTheSecondPagePosted()
    {
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < 120; i++) files[$"docs/page-{i:D3}.txt"] = $"page {i}\n";
        files["zz/Late.cs"] = "namespace Demo;\n\npublic class Late\n{\n    public void do_it()\n    {\n    }\n}\n";
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();
        var pull = harness.OpenPullRequest(files);

        using (await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull)))
        {
        }

        await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        // git lists zz/Late.cs last, on the second page of 100: its comment proves that page was read.
        var comment = Assert.Single(harness.GitHub.ReviewComments(pull));
        Assert.Equal("zz/Late.cs", comment.Path);
        Assert.Single(harness.GitHub.Reviews(pull));
        Assert.Equal(2, harness.GitHub.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/pulls/2/files", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FakeGitHub_ListsFilesPagedWithLinkHeaders_OmitsPatchOfTooLargeFile_AndRefusesCommentsOnIt()
    {
        var files = new Dictionary<string, string?>(StringComparer.Ordinal) { ["big.txt"] = "one\ntwo\n" };
        for (var i = 0; i < 4; i++) files[$"f{i}.txt"] = $"file {i}\n";
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        var pull = harness.OpenPullRequest(files);
        harness.GitHub.OmitPatchOf("big.txt");
        using var http = new HttpClient { BaseAddress = new Uri(harness.GitHub.ApiUrl, $"repos/{harness.Repository.FullName}/pulls/{pull.Number}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", harness.GitHub.IssueToken(AppHarness.InstallationId));

        var listed = new List<JsonObject>();
        var next = new Uri(http.BaseAddress, "files?per_page=2");
        var pages = 0;
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            listed.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!.AsObject()));
            pages++;
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : "";
            var nextLink = link.Split(", ").FirstOrDefault(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
            next = nextLink is null ? null : new Uri(nextLink[1..nextLink.IndexOf('>', StringComparison.Ordinal)]);
        }

        Assert.Equal(3, pages);
        Assert.Equal(["big.txt", "f0.txt", "f1.txt", "f2.txt", "f3.txt"], listed.Select(f => f["filename"]!.GetValue<string>()));
        Assert.All(listed, f => Assert.Equal("added", f["status"]!.GetValue<string>()));
        Assert.False(listed[0].ContainsKey("patch"));
        Assert.Equal("@@ -0,0 +1 @@\n+file 0", listed[1]["patch"]!.GetValue<string>());

        var refused = await PostReviewAsync(http, pull, "big.txt", 1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Empty(harness.GitHub.Reviews(pull));
        var accepted = await PostReviewAsync(http, pull, "f0.txt", 1);
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Single(harness.GitHub.Reviews(pull));
    }

    private static async Task<HttpStatusCode> PostReviewAsync(HttpClient http, FakePullRequest pull, string path, int line)
    {
        var body = new JsonObject
        {
            ["commit_id"] = pull.HeadSha,
            ["event"] = "COMMENT",
            ["body"] = "review",
            ["comments"] = new JsonArray(new JsonObject { ["path"] = path, ["line"] = line, ["side"] = "RIGHT", ["body"] = "comment" }),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("reviews", content);
        return response.StatusCode;
    }

    private static string NotPostedInlineSection(string summary)
    {
        var start = summary.IndexOf("**Not posted as inline comments**", StringComparison.Ordinal);
        Assert.True(start >= 0, summary);
        var end = summary.IndexOf("<details>", start, StringComparison.Ordinal);
        return end < 0 ? summary[start..] : summary[start..end];
    }
}
