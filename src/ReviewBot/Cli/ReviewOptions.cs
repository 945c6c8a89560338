using ReviewBot.Engine.Config;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Reporting;

namespace ReviewBot.Cli;

/// <summary>The options of <c>reviewbot review</c>, as typed.</summary>
internal sealed record ReviewOptions
{
    public const string Usage = """
        Usage: reviewbot review [options]

        Reviews what a branch changed since it left its base, as a pull request would show it
        (the diff from the merge base to head), and prints the findings.

        Options:
          --repo DIR        The repository to review (default: the current directory).
          --base REF        The branch, tag or commit the change is for (default: the remote's
                            default branch, else main, else master).
          --head REF        The branch, tag or commit to review (default: HEAD).
          --format FORMAT   text (default), markdown, json or sarif.
          --filter MODE     Which findings to report: added (default: findings on added or changed
                            lines), diff_context (any line the diff shows), file (anywhere in a
                            changed file) or nofilter.
          --config FILE     Read settings from FILE instead of .reviewbot.yml at the base revision.
          --output FILE     Write the report to FILE instead of standard output.
          --fail-on LEVEL   Exit 1 when a reported finding is at least LEVEL: none, error
                            (default) or warning.
          --github          GitHub Actions mode, in a workflow run on a pull_request event: review
                            the checked-out repository (base and head from GITHUB_EVENT_PATH) and
                            publish the review, the summary comment and a check run with
                            GITHUB_TOKEN on GITHUB_REPOSITORY through GITHUB_API_URL.
          --binding         Also print to standard error, for each changed C# file, whether it
                            binds without a compiler error in ReviewBot's semantic model (a rule
                            stays silent where a name that does not resolve could change its
                            answer), and the share.
          --timings         Also print to standard error where the time went: start-up,
                            configuration, git, parsing, semantic model, project context and
                            packages, each rule family, filter and report.
          --offline         Read C# package references from the package cache (and NuGet's global
                            packages folder) only; ask no feed.
          -h, --help        Show this help.

        Exit codes: 0 reviewed; 1 a finding reached --fail-on; 2 bad input (not a repository,
        unknown ref, bad option or unreadable --config file; with --github also a missing
        setting or commit, or publishing refused).
        """;

    public string Repository { get; init; } = ".";
    public string? Base { get; init; }
    public string Head { get; init; } = "HEAD";
    public ReportFormat Format { get; init; } = ReportFormat.Text;
    public FilterMode? Filter { get; init; }
    public string? ConfigFile { get; init; }
    public string? Output { get; init; }
    public FailOn? FailOn { get; init; }
    public bool Help { get; init; }
    public bool GitHub { get; init; }
    public bool Binding { get; init; }
    public bool Offline { get; init; }
    public bool Timings { get; init; }

    /// <summary>Parses the arguments after <c>review</c>; throws <see cref="UsageException"/> with a message that says what to do.</summary>
    public static ReviewOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ReviewOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{arg} needs a value. Run `reviewbot review --help` for the options.");
                }

                return args[++i];
            }

            options = arg switch
            {
                "-h" or "--help" => options with { Help = true },
                "--github" => options with { GitHub = true },
                "--binding" => options with { Binding = true },
                "--offline" => options with { Offline = true },
                "--timings" => options with { Timings = true },
                "--repo" => options with { Repository = Value() },
                "--base" => options with { Base = Value() },
                "--head" => options with { Head = Value() },
                "--format" => options with { Format = ParseFormat(Value()) },
                "--filter" => options with { Filter = ParseFilter(Value()) },
                "--config" => options with { ConfigFile = Value() },
                "--output" or "-o" => options with { Output = Value() },
                "--fail-on" => options with { FailOn = ParseFailOn(Value()) },
                _ => throw new UsageException($"Unknown option '{args[i]}'. Run `reviewbot review --help` for the options."),
            };
        }

        return options;
    }

    private static ReportFormat ParseFormat(string value) => ReportFormats.TryParse(value, out var format)
        ? format
        : throw new UsageException($"--format '{value}' is not a format; use text, markdown, json or sarif.");

    private static FilterMode ParseFilter(string value) => FilterModes.TryParse(value, out var mode)
        ? mode
        : throw new UsageException($"--filter '{value}' is not a filter mode; use added, diff_context, file or nofilter.");

    private static FailOn ParseFailOn(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => Engine.Config.FailOn.None,
        "error" => Engine.Config.FailOn.Error,
        "warning" => Engine.Config.FailOn.Warning,
        _ => throw new UsageException($"--fail-on '{value}' is not a level; use none, error or warning."),
    };
}

/// <summary>Bad input from the user; the message says what to do. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
