using System.Net;

namespace ReviewBot.Tests.App;

public sealed class WebhookWarmUpTests
{
    [Fact]
    public async Task AtStart_TheIntakeIsWarmedUp_WithoutRecordingAnything_AndTheFirstDeliveryIsQueued()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles);
        await harness.StartAppAsync();

        Assert.Contains(harness.Logs, l => l.Contains("Webhook intake warmed up", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs, l => l.Contains("warm-up step failed", StringComparison.Ordinal));
        Assert.Empty(harness.Jobs.DeliveryIds());
        Assert.Empty(harness.GitHub.Requests);

        var pull = harness.OpenPullRequest(EndToEndTests.FirstChange);
        using var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull), "first");
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
        Assert.Equal(["first"], harness.Jobs.DeliveryIds());
    }
}
