using ReviewBot.CSharp.Packages;
using ReviewBot.Cli;
using ReviewBot.Jobs;

namespace ReviewBot.Hosting;

/// <summary>Dispatches <c>reviewbot VERB ...</c> to the verb that handles it: the local verbs in <c>Cli/</c>, the App here.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: reviewbot <command> [options]

        Commands:
          review    Review a branch of a local repository and print the findings
                    (--github: in a GitHub Actions workflow, also publish them on the pull request).
          explain   Show how a C# file's project is read (framework, defines, global usings and where
                    they came from) and the compile errors ReviewBot's semantic model still has.
          rules     List every rule with its id, category, default severity and title.
          settings  List every .reviewbot.yml key with its default and the values it accepts.
          serve     Run the GitHub App: receive webhooks and review pull requests (see the README).
          help      Show this help, or `reviewbot <command> --help` for a command's options.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "review":
                return await ReviewCommand.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
            case "serve":
                return await ServeCommand.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
            case "explain":
                return await ExplainCommand.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
            case "rules":
                return await RulesCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "settings":
                return await SettingsCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case AnalysisProcess.AnalysisWorkerVerb:
                // serve's analysis process (ReviewBot__AnalysisProcess), not a user's command: requests on standard input.
                var registry = PackageSettings.FromArguments(rest) is { } packages ? Analyzers.CreateRegistry(packages) : Analyzers.CreateRegistry();
                return await AnalysisServer.RunAsync(Console.In, stdout, registry).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync($"reviewbot: unknown command '{args[0]}'. Run `reviewbot --help` to list the commands.").ConfigureAwait(false);
                return ExitCodes.BadInput;
        }
    }
}
