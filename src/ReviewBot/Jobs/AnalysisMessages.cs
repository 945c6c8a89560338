using System.Text.Json.Serialization;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Jobs;

/// <summary>
/// Where the analysis process reads <c>.reviewbot.yml</c> from: the fetched base commit (when the base is the default
/// branch), the text the App read through the contents API, or nowhere (the defaults).
/// </summary>
internal enum ConfigSource
{
    Defaults,
    BaseCommit,
    Text,
}

/// <summary>One line from the App to its analysis process: review a fetched pull request, or stop reviewing one.</summary>
internal sealed record AnalysisRequest
{
    public long Id { get; init; }

    /// <summary>True: stop the review <see cref="Id"/> (its reply says it was cancelled).</summary>
    public bool Cancel { get; init; }

    /// <summary>The cached bare repository the pull request was fetched into.</summary>
    public string RepositoryPath { get; init; } = "";

    public string BaseSha { get; init; } = "";

    public string HeadSha { get; init; } = "";

    public ConfigSource Config { get; init; }

    public string? ConfigText { get; init; }

    public long ConfigSize { get; init; }
}

/// <summary>One line from the analysis process: what a review found, or why it did not finish.</summary>
internal sealed record AnalysisReply
{
    public long Id { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public IReadOnlyList<Notice> Notices { get; init; } = [];

    public int AnalyzedFileCount { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>The seconds the review spent reading the change from git.</summary>
    public double DiffSeconds { get; init; }

    /// <summary>The seconds each language's analyzer took over its files (wall time).</summary>
    public IReadOnlyDictionary<string, double> AnalyzerSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>The failure's type and message; never a stack trace's paths or a secret (the process holds none).</summary>
    public string? Error { get; init; }
}

/// <summary>The source-generated reader and writer of the messages, one JSON object a line.</summary>
[JsonSourceGenerationOptions(MaxDepth = 64)]
[JsonSerializable(typeof(AnalysisRequest))]
[JsonSerializable(typeof(AnalysisReply))]
internal sealed partial class AnalysisJson : JsonSerializerContext;
