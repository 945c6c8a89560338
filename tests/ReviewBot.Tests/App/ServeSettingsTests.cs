using ReviewBot.Hosting;

namespace ReviewBot.Tests.App;

/// <summary><c>reviewbot serve</c> refusing to start on wrong settings, as an operator meets it.</summary>
public sealed class ServeSettingsTests
{
    [Fact]
    public async Task WrongSettingsOfSeveralComponents_AllNamedAtOnce_Exit2()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(
            [
                "serve", "--urls", "http://127.0.0.1:0", "--GitHub:AppId=0", "--GitHub:WebhookSecret=s", "--GitHub:PrivateKey=not a key",
                $"--ReviewBot:DataDir={dataDir}", "--ReviewBot:Workers=0", "--ReviewBot:HttpMaxRetries=99", "--ReviewBot:WebhookBodyTimeout=00:00:01",
            ],
            stdout,
            stderr,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "reviewbot serve: GitHub__AppId is required: the App's numeric id from its settings page.",
                "reviewbot serve: GitHub__PrivateKey does not hold an RSA private key in PEM form.",
                "reviewbot serve: ReviewBot__Workers must be between 1 and 256.",
                "reviewbot serve: ReviewBot__HttpMaxRetries must be between 0 and 20.",
                "reviewbot serve: ReviewBot__WebhookBodyTimeout must be longer than one second.",
            ],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("not a key", stderr.ToString(), StringComparison.Ordinal);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }
}
