using System.Diagnostics;
using System.Text;

namespace ReviewBot.Tests.FakeGitHub;

/// <summary>Runs the real <c>git</c> executable; tests build their repositories with it.</summary>
internal static class GitCli
{
    public static string Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    public static string RunWithInput(string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_AUTHOR_NAME"] = "Test Author";
        start.Environment["GIT_AUTHOR_EMAIL"] = "author@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Test Author";
        start.Environment["GIT_COMMITTER_EMAIL"] = "author@example.com";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = workingDirectory;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var stderr = stderrTask.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout;
    }
}

/// <summary>A working repository in a temp folder, for composing commits that the fake then serves.</summary>
public sealed class WorkRepository
{
    public WorkRepository(string path, string defaultBranch = "main")
    {
        Path = path;
        Directory.CreateDirectory(path);
        GitCli.Run(path, "init", "-q", "-b", defaultBranch);
        GitCli.Run(path, "config", "commit.gpgsign", "false");
    }

    public string Path { get; }

    public void Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
    }

    public void Delete(string relativePath) => GitCli.Run(Path, "rm", "-q", relativePath);

    public string Commit(string message)
    {
        GitCli.Run(Path, "add", "-A");
        GitCli.Run(Path, "commit", "-q", "--allow-empty", "-m", message);
        return Head();
    }

    public string Head() => GitCli.Run(Path, "rev-parse", "HEAD").Trim();

    public void Checkout(string branch, bool create = false)
    {
        if (create) GitCli.Run(Path, "checkout", "-q", "-b", branch);
        else GitCli.Run(Path, "checkout", "-q", branch);
    }
}
