using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;
using ReviewBot.Git;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot review</c>: reviews a branch of a local repository and prints the report.</summary>
internal static class ReviewCommand
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, Environment.GetEnvironmentVariable, stdout, stderr, cancellationToken);

    /// <summary>Runs the verb; <paramref name="environment"/> supplies the variables of <c>--github</c> mode.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ReviewOptions options;
        try
        {
            options = ReviewOptions.Parse(args);
        }
        catch (UsageException exception)
        {
            await stderr.WriteLineAsync($"reviewbot review: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (options.Help)
        {
            await stdout.WriteLineAsync(ReviewOptions.Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (options.GitHub)
        {
            return await GitHubActionsReview.RunAsync(options, environment, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var binding = options.Binding ? new BindingLog() : null;
            var timings = options.Timings ? new ReviewTimings() : null;
            var processStarted = options.Timings ? TimingsReport.ProcessStarted() : null;
            if (timings is not null) TimingsReport.AddStartUp(timings, processStarted);
            var (result, metadata) = Review(options, stderr, cancellationToken, binding, timings);
            if (binding is not null) await WriteBindingAsync(binding, stderr).ConfigureAwait(false);
            using (timings?.Stage("report: render and write"))
            {
                var report = ReportFormats.Render(result, options.Format, metadata);
                if (options.Output is { } output)
                {
                    await File.WriteAllTextAsync(output, report, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await stdout.WriteAsync(WorkflowCommands.InGitHubActions(environment) ? WorkflowCommands.Inert(report) : report).ConfigureAwait(false);
                    await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (timings is not null) await stderr.WriteAsync(TimingsReport.Render(timings, processStarted)).ConfigureAwait(false);

            return result.MeetsFailOn ? ExitCodes.FailOnMet : ExitCodes.Success;
        }
        catch (Exception exception) when (exception is UsageException or GitReviewException)
        {
            await stderr.WriteLineAsync($"reviewbot review: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && options.Output is not null)
        {
            await stderr.WriteLineAsync($"reviewbot review: cannot write {options.Output}: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    internal static (ReviewResult Result, ReportMetadata Metadata) Review(
        ReviewOptions options, TextWriter stderr, CancellationToken cancellationToken, BindingLog? binding = null, ReviewTimings? timings = null)
    {
        var opening = timings?.Stage(GitChangeReader.StagePrefix + "open repository, resolve refs");
        using var repository = LocalRepository.Open(options.Repository);
        var revisions = repository.Revisions(options.Base ?? repository.DefaultBase(), options.Head);
        opening?.Dispose();
        var loadingAnalyzers = timings?.Stage("start-up: analyzers and rule catalogue");
        var orchestrator = new ReviewOrchestrator(Analyzers.CreateRegistry(options.Offline));
        loadingAnalyzers?.Dispose();

        var loadingConfig = timings?.Stage("configuration (.reviewbot.yml)");
        var config = LoadConfig(options, revisions, orchestrator, stderr);
        loadingConfig?.Dispose();
        config = config with
        {
            Config = config.Config with
            {
                Filter = options.Filter ?? config.Config.Filter,
                FailOn = options.FailOn ?? config.Config.FailOn,
            },
        };

        var (result, changes) = orchestrator.Review(revisions, config, cancellationToken, binding, timings);
        var metadata = new ReportMetadata
        {
            BaseSha = changes.BaseSha,
            HeadSha = changes.HeadSha,
            MergeBaseSha = changes.MergeBaseSha,
            RepositoryUri = PublicUrl(repository.OriginUrl),
        };
        return (result, metadata);
    }

    // One line per file, then the share: the figure the evaluation (eval/) reads for C#.
    private static async Task WriteBindingAsync(BindingLog binding, TextWriter stderr)
    {
        var files = binding.Files;
        foreach (var file in files)
        {
            var state = file.FirstError is null
                ? "binds without errors"
                : $"{file.ErrorCount:N0} error{(file.ErrorCount == 1 ? "" : "s")}, the first {SafeText.Escape(file.FirstError, 300)}";
            await stderr.WriteLineAsync($"binding: {SafeText.Escape(file.Path, 500)}: {state}").ConfigureAwait(false);
        }

        var bound = files.Count(f => f.FirstError is null);
        var share = files.Count == 0 ? "" : $" ({100.0 * bound / files.Count:0.0}%)";
        await stderr.WriteLineAsync($"binding: {bound} of {files.Count} C# files bind without errors{share}").ConfigureAwait(false);
    }

    // A remote URL may carry credentials (https://user:token@host/...); reports never do.
    private static string? PublicUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : null;

    // .reviewbot.yml comes from the base revision, never from the branch under review: a change must not be able to
    // switch its own review off. --config replaces it; an unreadable --config file is bad input.
    private static ConfigLoadResult LoadConfig(ReviewOptions options, GitRevisions revisions, ReviewOrchestrator orchestrator, TextWriter stderr)
    {
        ConfigLoadResult loaded;
        if (options.ConfigFile is { } file)
        {
            if (!File.Exists(file)) throw new UsageException($"--config '{file}' does not exist.");
            loaded = orchestrator.LoadConfig(new FileConfigSource(file));
            if (loaded.Unreadable is { } problem) throw new UsageException($"{problem}. Fix the file or leave --config out.");
        }
        else
        {
            loaded = orchestrator.LoadConfig(revisions.BaseConfig);
        }

        foreach (var notice in loaded.Notices) stderr.WriteLine($"reviewbot review: warning: {SafeText.Escape(notice.Message)}");
        return loaded;
    }
}
