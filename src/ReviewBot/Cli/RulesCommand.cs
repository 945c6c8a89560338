using ReviewBot.Engine.Findings;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot rules [RULE-ID]</c>: the catalogue, or one rule's documentation.</summary>
internal static class RulesCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var catalog = Analyzers.CreateRegistry().Catalog;
        if (args.Count > 0 && args[0] is "-h" or "--help")
        {
            await stdout.WriteLineAsync("Usage: reviewbot rules [RULE-ID]\n\nLists every rule, or shows one rule's documentation.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (args.Count > 0)
        {
            if (catalog.Find(args[0]) is not { } rule)
            {
                await stderr.WriteLineAsync($"reviewbot rules: no rule '{args[0]}'. Run `reviewbot rules` to list them.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await stdout.WriteLineAsync($"{rule.Id} {rule.Name} ({rule.Language}, {rule.Category.Id()}, {rule.DefaultSeverity.Id()})\n{rule.Title}\n").ConfigureAwait(false);
            await stdout.WriteAsync(rule.Doc.ToPlainText()).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var rule in catalog.Rules)
        {
            await stdout.WriteLineAsync($"{rule.Id,-8} {rule.Language,-7} {rule.Category.Id(),-16} {rule.DefaultSeverity.Id(),-8} {rule.Title}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
