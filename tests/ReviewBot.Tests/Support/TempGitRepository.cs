using System.Diagnostics;
using System.Text;

namespace ReviewBot.Tests.Support;

/// <summary>A real git repository in a temporary folder, driven by the git command line; deleted on dispose.</summary>
public sealed class TempGitRepository : IDisposable
{
    public TempGitRepository(string initialBranch = "main", bool bare = false)
    {
        Path = Directory.CreateTempSubdirectory("reviewbot-git-").FullName;
        Git(bare ? $"init -q --bare -b {initialBranch}" : $"init -q -b {initialBranch}");
        if (!bare)
        {
            Git("config user.email test@example.com");
            Git("config user.name Test");
            Git("config core.autocrlf false");
            Git("config commit.gpgsign false");
        }
    }

    public string Path { get; }

    /// <summary>Writes a file (text as given: line endings are not changed).</summary>
    public TempGitRepository Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public TempGitRepository WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    public TempGitRepository Delete(string relativePath)
    {
        Git($"rm -q -- \"{relativePath}\"");
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit's sha.</summary>
    public string Commit(string message)
    {
        Git("add -A");
        Git($"commit -q --allow-empty -m \"{message}\"");
        return Git("rev-parse HEAD").Trim();
    }

    public TempGitRepository Checkout(string branch, bool create = false)
    {
        Git(create ? $"checkout -q -b {branch}" : $"checkout -q {branch}");
        return this;
    }

    /// <summary>Runs git in the repository and returns its standard output; throws with its error output on failure.</summary>
    public string Git(string arguments) => Run(Path, arguments);

    public static string Run(string workingDirectory, string arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {arguments} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing dispose would hide the test's real outcome.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
