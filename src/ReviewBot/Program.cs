using ReviewBot.Hosting;

namespace ReviewBot;

/// <summary>The <c>reviewbot</c> executable: composes the verbs and nothing else.</summary>
public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        Cli.TimingsReport.MarkMainEntered();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
    }
}
