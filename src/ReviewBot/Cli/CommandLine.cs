namespace ReviewBot.Cli;

/// <summary>Dispatches <c>reviewbot VERB ...</c> to the verb that handles it.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: reviewbot <command> [options]

        Commands:
          review    Review a branch of a local repository and print the findings.
          help      Show this help, or `reviewbot <command> --help` for a command's options.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return Task.FromResult(args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success);
        }

        stderr.WriteLine($"reviewbot: unknown command '{args[0]}'. Run `reviewbot --help` to list the commands.");
        return Task.FromResult(ExitCodes.BadInput);
    }
}

/// <summary>The exit codes every verb uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int FailOnMet = 1;
    public const int BadInput = 2;
}
