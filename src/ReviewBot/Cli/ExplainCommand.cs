using System.Text;
using ReviewBot.CSharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Git;

namespace ReviewBot.Cli;

/// <summary>
/// <c>reviewbot explain --repo DIR [--ref REF] FILE</c>: for one C# file, the project context a review binds it in
/// (project, imports, framework, language version, defines, global usings and where each came from) and the compiler
/// errors the semantic model still has, with the names that did not resolve. The first thing to run when a C# rule
/// is silent on a file.
/// </summary>
internal static class ExplainCommand
{
    public const string Usage = """
        Usage: reviewbot explain [--repo DIR] [--ref REF] [--offline] FILE

        Shows how ReviewBot reads one C# file's project, as a review of REF would: the project file and
        SDK, the files it imports, the target framework, language version, nullable context, defines,
        every global using with the file it came from, the compile errors the semantic model still
        has with the names that did not resolve, the packages read (each with its resolved version,
        source and assemblies) and the ones that could not be, and each finding a rule left undecided
        because such a name (or code in an inactive #if region) could change its answer. Nothing is
        built or restored: the project files are only read, and of packages only their reference
        assemblies' metadata.

        Options:
          --repo DIR   The repository (default: the current directory).
          --ref REF    The branch, tag or commit to read (default: HEAD).
          --offline    Read packages from the cache only; ask no feed.
          FILE         The .cs file, as a path from the repository's root.
          -h, --help   Show this help.

        Exit codes: 0 explained; 2 bad input (not a repository, unknown ref, FILE not a C# file at REF).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string repositoryPath = ".", reference = "HEAD";
        string? file = null;
        var offline = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return ExitCodes.Success;
                case "--repo" or "--ref" when i + 1 >= args.Count:
                    return await BadInputAsync(stderr, $"{args[i]} needs a value. Run `reviewbot explain --help` for the options.").ConfigureAwait(false);
                case "--repo":
                    repositoryPath = args[++i];
                    break;
                case "--ref":
                    reference = args[++i];
                    break;
                case "--offline":
                    offline = true;
                    break;
                case var option when option.StartsWith('-'):
                    return await BadInputAsync(stderr, $"Unknown option '{option}'. Run `reviewbot explain --help` for the options.").ConfigureAwait(false);
                case var path when file is null:
                    file = path.Replace('\\', '/');
                    while (file.StartsWith("./", StringComparison.Ordinal)) file = file[2..];
                    break;
                default:
                    return await BadInputAsync(stderr, "Give one FILE. Run `reviewbot explain --help` for the options.").ConfigureAwait(false);
            }
        }

        if (file is null) return await BadInputAsync(stderr, "Which file? Give a .cs file's path from the repository's root, e.g. `reviewbot explain src/App/Program.cs`.").ConfigureAwait(false);
        if (!file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return await BadInputAsync(stderr, $"'{file}' is not a C# file; explain reads .cs files.").ConfigureAwait(false);

        try
        {
            using var repository = LocalRepository.Open(repositoryPath);
            var (snapshot, sha) = repository.Snapshot(reference, "--ref");
            if (!snapshot.AllPaths.Contains(file, StringComparer.Ordinal))
            {
                return await BadInputAsync(stderr, $"'{file}' is not in {reference} ({sha[..10]}). Give its path from the repository's root.").ConfigureAwait(false);
            }

            var explanation = CSharpExplainer.Explain(snapshot, file, FileLimits.Default, cancellationToken, Analyzers.Packages(offline));
            await stdout.WriteAsync(Render(explanation)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is UsageException or GitReviewException)
        {
            return await BadInputAsync(stderr, exception.Message).ConfigureAwait(false);
        }
    }

    private static async Task<int> BadInputAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"reviewbot explain: {message}").ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    internal static string Render(CSharpFileExplanation e)
    {
        var text = new StringBuilder();
        text.Append("file: ").AppendLine(e.File);
        if (e.ProjectFile is null)
        {
            text.AppendLine("project: none (no .csproj above the file): bound with the files of its folder, C# defaults, no global usings");
        }
        else
        {
            text.Append("project: ").Append(e.ProjectFile).AppendLine(e.Sdks.Count == 0 ? " (no SDK: the pre-SDK project format)" : $" (SDK {string.Join(", ", e.Sdks)})");
            text.Append("imports: ").AppendLine(e.Imports.Count == 0 ? "none" : string.Join(", ", e.Imports));
        }

        text.Append("target framework: ").AppendLine(e.TargetFramework is null
            ? "unknown (the .NET 10 reference assemblies are used)"
            : e.TargetFrameworks.Count > 1 ? $"{e.TargetFramework} (the newest .NET of {string.Join(";", e.TargetFrameworks)})" : e.TargetFramework);
        text.Append("language version: C# ").Append(e.LanguageVersion).Append(" (").Append(e.LanguageVersionSource).AppendLine(")");
        text.Append("nullable: ").AppendLine(e.Nullable);
        text.Append("defines: ").AppendLine(e.Defines.Count == 0 ? "none" : string.Join(" ", e.Defines));
        text.Append("global usings (").Append(e.GlobalUsings.Count).AppendLine(e.GlobalUsings.Count == 0 ? "): none" : "):");
        var width = e.GlobalUsings.Select(u => u.Using.Length).DefaultIfEmpty(0).Max();
        foreach (var item in e.GlobalUsings) text.Append("  ").Append(item.Using.PadRight(width)).Append("  from ").AppendLine(item.Origin);
        List("not evaluated (the SDK default's branch was taken)", e.Unevaluated, text);
        List("reader notices", e.ReaderNotices, text);
        List("rules the repository's settings change here", e.RuleSettings, text);
        List("context notices", e.ContextNotices, text);
        if (e.ParseError is not null)
        {
            text.Append("not bound: ").AppendLine(e.ParseError);
            return text.ToString();
        }

        text.Append("bound with: ").Append(e.ContextFiles).AppendLine(e.ContextFiles == 1 ? " other file of the project" : " other files of the project");
        text.Append("referenced projects (").Append(e.ReferencedProjects.Count).AppendLine(e.ReferencedProjects.Count == 0 ? "): none" : "), as context:");
        foreach (var reference in e.ReferencedProjects)
        {
            text.Append("  ").Append(reference.ProjectFile).Append(" (").Append(reference.SourceFiles).AppendLine(reference.SourceFiles == 1 ? " source file)" : " source files)");
        }

        text.Append("packages (").Append(e.Packages.Count).AppendLine(e.Packages.Count == 0 ? "): none" : "), read as reference assemblies only:");
        foreach (var package in e.Packages)
        {
            text.Append("  ").Append(package.Id).Append(' ').Append(package.Version).Append(" (from ").Append(package.Source).Append("): ")
                .AppendLine(package.Assemblies.Count == 0 ? "no compile-time assembly for this framework" : string.Join(", ", package.Assemblies));
        }

        if (e.UnresolvedPackages.Count > 0)
        {
            text.Append("unresolved packages (").Append(e.UnresolvedPackages.Count).AppendLine("): names from them may not resolve");
            foreach (var package in e.UnresolvedPackages) text.Append("  ").Append(package.Id).Append(": ").AppendLine(package.Why);
        }

        if (e.Errors.Count == 0)
        {
            text.AppendLine("compile errors: none: the file binds, and every rule can see it");
        }
        else
        {
            text.Append("compile errors (").Append(e.Errors.Count).AppendLine("): a rule stays silent only where a name that does not resolve could change its answer");
            foreach (var error in e.Errors.Take(50)) text.Append("  ").AppendLine(error);
            if (e.Errors.Count > 50) text.Append("  ... and ").Append(e.Errors.Count - 50).AppendLine(" more");
            text.Append("unresolved names: ").AppendLine(e.UnresolvedNames.Count == 0 ? "none" : string.Join(", ", e.UnresolvedNames));
        }

        text.Append("undecided (").Append(e.Undecided.Count).AppendLine(e.Undecided.Count == 0
            ? "): none: where no rule reports, the file is clean for it"
            : "): findings not reported because a name the review cannot see could change the answer:");
        foreach (var item in e.Undecided) text.Append("  ").AppendLine(item);
        return text.ToString();
    }

    private static void List(string title, IReadOnlyList<string> lines, StringBuilder text)
    {
        if (lines.Count == 0) return;
        text.Append(title).AppendLine(":");
        foreach (var line in lines) text.Append("  ").AppendLine(line);
    }
}
