using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Jobs;
using ReviewBot.Tests.Jobs;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// What an attacker without the secret (or GitHub with an event we do not handle) can send to the webhook endpoint, over
/// real HTTP on 127.0.0.1: bodies over GitHub's 25 MB, bodies that never finish, numbers out of range, unknown events.
/// </summary>
/// <remarks>Alone in its collection: one test counts the bytes the process allocates.</remarks>
[Collection(nameof(WebhookIntakeTests))]
public class WebhookIntakeTests : IAsyncLifetime
{
    /// <summary>True in the class that runs these tests once more with the jobs in PostgreSQL.</summary>
    private bool OnPostgres => this is IRunsOnPostgres;

    private AppHarness _harness = null!;
    private FakeGitHub.FakePullRequest _pull = null!;

    public async Task InitializeAsync()
    {
        _harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await _harness.StartAppAsync(("ReviewBot__WebhookBodyTimeout", "00:00:02"));
        _pull = _harness.OpenPullRequest(EndToEndTests.FirstChange);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private IReadOnlyList<ReviewJob> Jobs => _harness.Jobs.JobsOf(AppHarness.RepositoryId, _pull.Number);

    private int RefusalLines => _harness.Logs.Count(l => l.Contains("ReviewBot.Webhooks", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));

    [StoreFact]
    public async Task BodyOverTheLimit_413_NotA500()
    {
        var body = new byte[26 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');

        using var declared = await PostAsync("pull_request", new ByteArrayContent(body));
        using var chunked = await PostAsync("pull_request", new StreamContent(new MemoryStream(body)), chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.DoesNotContain(_harness.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
        Assert.Empty(Jobs);
    }

    [StoreFact]
    public async Task DeclaredContentLengthOf100MB_413BeforeTheBodyIsSent()
    {
        var response = await RawAsync(
            "POST /api/github/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
            + "X-GitHub-Delivery: d\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 104857600\r\n\r\n{\"a\":",
            keepSending: null);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task TrickledBody_408_AndOneLogLine()
    {
        var response = await RawAsync(
            "POST /api/github/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
            + "X-GitHub-Delivery: d\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 1000\r\n\r\n{",
            keepSending: "\"");

        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Equal(1, RefusalLines);
        var traces = _harness.Logs.Where(l => l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, string.Join("\n----\n", traces));
    }

    [StoreFact]
    public async Task AFloodOfRefusals_IsLoggedAtAFewLinesASecond()
    {
        var started = DateTime.UtcNow;
        var tasks = Enumerable.Range(0, 60).Select(async _ =>
        {
            using var r = await PostAsync("pull_request", new StringContent("{}"), signature: "sha256=" + new string('0', 64));
            return r.StatusCode;
        });

        var statuses = await Task.WhenAll(tasks);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.InRange(RefusalLines, 1, 5 + (int)Math.Ceiling(seconds * 2));
    }

    [StoreFact]
    public async Task UnsignedBodies_AreNotHeldInFullInMemory()
    {
        // Eight wrong-signature bodies of 20 MB: buffering each in full (as bytes, then as a string) allocates hundreds
        // of MB; verified while streaming, the endpoint allocates a small fraction of one body.
        var body = new byte[20 * 1024 * 1024];
        body.AsSpan().Fill((byte)'x');
        body[0] = (byte)'"';
        body[^1] = (byte)'"';
        using (await PostAsync("pull_request", new ByteArrayContent(body[..1000]), signature: "sha256=" + new string('0', 64)))
        {
            // Warm-up: the first request compiles and allocates what every request shares.
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var r = await PostAsync("pull_request", new ByteArrayContent(body), signature: "sha256=" + new string('0', 64));
            return r.StatusCode;
        }));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.True(allocated < body.Length, $"{allocated / 1024 / 1024} MB allocated for 8 refused bodies of {body.Length / 1024 / 1024} MB");
    }

    [StoreFact]
    public async Task ASignedBodyOverTheMemoryThreshold_IsReadBackFromItsTemporaryFile_AndQueued()
    {
        // A pull request description of 3 MB: the body is spilled to a file while it is hashed, then read back.
        var node = JsonNode.Parse(_harness.Payload("pull_request/opened.2.json", _pull))!.AsObject();
        node["pull_request"]!["body"] = string.Concat(Enumerable.Repeat("A long description with unicode: é ✓. ", 80_000));
        var body = node.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > 3_000_000);

        using var chunked = await PostAsync("pull_request", new StringContent(body, Encoding.UTF8), chunked: true, signature: AppHarness.Sign(body));

        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, chunked);
        var job = Assert.Single(Jobs);
        Assert.Equal(_pull.HeadSha, job.Request.HeadSha);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_harness.DataDir, "tmp")));
    }

    [StoreFact]
    public async Task PullRequestNumberBeyond32Bits_400NamingIt()
    {
        var node = JsonNode.Parse(_harness.Payload("pull_request/opened.2.json", _pull))!.AsObject();
        node["number"] = 1L << 33;
        node["pull_request"]!["number"] = 1L << 33;

        using var response = await _harness.DeliverAsync("pull_request", node.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Jobs);
    }

    [StoreTheory]
    [InlineData("pull_request_review_comment", "pull_request_review_comment/created.1.json")]
    [InlineData("pull_request_review", "pull_request_review/submitted.1.json")]
    [InlineData("github_app_authorization", "github_app_authorization/revoked.1.json")]
    [InlineData("a_future_event", "push/event.1.json")]
    [InlineData("a_future_event", null)]
    public async Task EventsWeDoNotHandle_Acknowledged_WhenSigned(string eventName, string? fixture)
    {
        var body = fixture is null ? """{"action":"created","something":[1,2]}""" : await File.ReadAllTextAsync(AppHarness.FixturePath(fixture));

        using var signed = await _harness.DeliverAsync(eventName, body);
        using var unsigned = await _harness.DeliverAsync(eventName, body, signature: AppHarness.Sign(body, "not the secret"));

        await AppHarness.AssertStatusAsync(HttpStatusCode.OK, signed);
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Empty(Jobs);
    }

    private async Task<HttpResponseMessage> PostAsync(string eventName, HttpContent content, bool chunked = false, string? signature = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_harness.AppUrl!, "api/github/webhooks")) { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? "sha256=" + new string('0', 64));
        if (chunked) request.Headers.TransferEncodingChunked = true;
        return await http.SendAsync(request);
    }

    /// <summary>Sends <paramref name="head"/> on a raw socket, then <paramref name="keepSending"/> every 200 ms; returns the response.</summary>
    private async Task<string> RawAsync(string head, string? keepSending)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_harness.AppUrl!.Host, _harness.AppUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var trickle = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            while (keepSending is not null && !trickle.IsCancellationRequested)
            {
                await Task.Delay(200, trickle.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(keepSending), trickle.Token);
            }
        });
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        await trickle.CancelAsync();
        try
        {
            await sender;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The server closed the connection or the trickle was stopped: either way the answer is read.
        }

        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}

/// <summary>Runs <see cref="WebhookIntakeTests"/> with no other test at the same time.</summary>
[CollectionDefinition(nameof(WebhookIntakeTests), DisableParallelization = true)]
public sealed class WebhookIntakeCollection;
