using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Jobs;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary>
/// <c>ReviewBot__AnalysisProcess</c>: the review's diff and analysis in a child process of the App, over the real
/// <c>reviewbot analysis-worker</c> and pipes.
/// </summary>
public class AnalysisProcessTests
{
    private bool OnPostgres => this is IRunsOnPostgres;

    /// <summary>C# and Python, with findings of several rules and a file the analysis skips (a notice).</summary>
    private static readonly Dictionary<string, string?> Change = new(EndToEndTests.FirstChange)
    {
        ["tools/build_steps.py"] = "import os\nimport sys\n\n\ndef RunStep(name):\n    unused = 1\n    print(name)\n    return sys.argv\n",
        ["src/Generated.cs"] = "namespace Demo;\n\npublic class Generated\n{\n    public int " + new string('x', 300_000) + " => 1;\n}\n",
    };

    private static readonly Dictionary<string, string?> SecondChange = new()
    {
        ["src/Gadget.cs"] = "namespace Demo;\n\npublic class Gadget\n{\n    public int get_size() => 3;\n}\n",
    };

    [StoreFact]
    public async Task InTheAnalysisProcess_TheSameReviewIsPublished_AsOnTheJobThreads()
    {
        var onThreads = await PublishedAsync(analysisProcess: false);
        var inProcess = await PublishedAsync(analysisProcess: true);

        Assert.NotEmpty(inProcess.Annotations);
        Assert.Equal(onThreads.Annotations, inProcess.Annotations);
        Assert.Equal(onThreads.Comments, inProcess.Comments);
        Assert.Equal(onThreads.Title, inProcess.Title);
    }

    [StoreFact]
    public async Task TheAnalysisProcess_RunsAtALowerPriority_WithoutTheAppsSecrets_AndOneKilledIsReplaced()
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync(("ReviewBot__AnalysisProcess", "true"));
        var analysis = harness.Services.GetRequiredService<AnalysisProcess>();
        var first = harness.OpenPullRequest(EndToEndTests.FirstChange);
        await DeliverAsync(harness, first);
        Assert.Equal("success", (await harness.WaitForCompletedCheckRunAsync(first.HeadSha)).Conclusion);

        var pid = analysis.ProcessId ?? throw new InvalidOperationException("no analysis process after a review");
        Assert.NotEqual(Environment.ProcessId, pid);
        if (OperatingSystem.IsLinux())
        {
            // /proc/PID/stat: the nice value is the 19th field; the command name (2nd) is in parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal(JobThreads.Niceness, int.Parse(fields[16], CultureInfo.InvariantCulture));
            var environment = File.ReadAllText($"/proc/{pid}/environ");
            Assert.DoesNotContain(AppHarness.Secret, environment, StringComparison.Ordinal);
            Assert.DoesNotContain("GitHub__", environment, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ReviewBot__", environment, StringComparison.OrdinalIgnoreCase);
        }

        using (var victim = Process.GetProcessById(pid))
        {
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        var second = harness.OpenPullRequest(SecondChange, number: 3, branch: "second");
        await DeliverAsync(harness, second);
        var run = await harness.WaitForCompletedCheckRunAsync(second.HeadSha);
        Assert.Equal("success", run.Conclusion);
        Assert.NotEmpty(run.Annotations);
        Assert.NotEqual(pid, analysis.ProcessId);
    }

    [Fact]
    public async Task AReviewThatFails_OrIsCancelled_EndsAtOnce_AndTheProcessGoesOnReviewing()
    {
        using var repository = new TempGitRepository();
        repository.Write("src/Widget.cs", EndToEndTests.BaseFiles["src/Widget.cs"]);
        var baseSha = repository.Commit("base");
        for (var i = 0; i < 200; i++) repository.Write($"src/Many{i}.cs", ServeBenchmarkTests.ServiceSource("Demo.Many", i, 2));
        var manySha = repository.Commit("many files");
        repository.Write("src/Widget.cs", EndToEndTests.FirstChange["src/Widget.cs"]!);
        var headSha = repository.Commit("head");
        using var analysis = new AnalysisProcess(Microsoft.Extensions.Logging.Abstractions.NullLogger<AnalysisProcess>.Instance);
        AnalysisRequest Review(string head) => new() { RepositoryPath = repository.Path, BaseSha = baseSha, HeadSha = head, Config = ConfigSource.BaseCommit };

        var missing = await Assert.ThrowsAsync<AnalysisFailedException>(() => analysis.ReviewAsync(Review(new string('0', 40)), CancellationToken.None));
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
        var pid = analysis.ProcessId;

        using (var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analysis.ReviewAsync(Review(manySha), soon.Token));
        }

        var reply = await analysis.ReviewAsync(Review(headSha), CancellationToken.None);
        Assert.Equal(pid, analysis.ProcessId);
        Assert.Contains(reply.Findings, f => f.Path == "src/Widget.cs" && f.StartLine == 7);
    }

    [Fact]
    public async Task TheAnalysisProcess_ResolvesPackages_AsServesSettingsSay()
    {
        using var work = new TempGitRepository();
        var feed = Directory.CreateDirectory(System.IO.Path.Combine(work.Path, "..", System.IO.Path.GetFileName(work.Path) + "-feed")).FullName;
        ReviewBot.Tests.Cli.PackageCliTests.WritePackage(System.IO.Path.Combine(feed, "Acme.Widgets.1.2.0.nupkg"), "Acme.Widgets", "1.2.0", "namespace Acme.Widgets { public sealed class Widget { } } namespace Acme.Widgets.Extras { public sealed class Gadget { } }");
        work.Write("src/Shop/Shop.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Acme.Widgets" Version="1.2.0" /></ItemGroup>
            </Project>
            """);
        var baseSha = work.Commit("base");
        work.Write("src/Shop/Store.cs", "using Acme.Widgets;\nusing Acme.Widgets.Extras;\n\nnamespace Shop;\n\npublic sealed class Store\n{\n    public Widget Make() => new Widget();\n}\n");
        var headSha = work.Commit("head");
        var settings = new ReviewBot.CSharp.Packages.PackageSettings { Feeds = [feed], CacheDirectory = System.IO.Path.Combine(feed, "cache"), GlobalPackagesFolder = null };
        using var analysis = new AnalysisProcess(Microsoft.Extensions.Logging.Abstractions.NullLogger<AnalysisProcess>.Instance, settings);

        var reply = await analysis.ReviewAsync(new AnalysisRequest { RepositoryPath = work.Path, BaseSha = baseSha, HeadSha = headSha, Config = ConfigSource.BaseCommit }, CancellationToken.None);

        // Without the package, 'Acme.Widgets.Extras' may hold the unresolved Widget and stays undecided.
        Assert.Contains(reply.Findings, f => f.Path == "src/Shop/Store.cs" && f.RuleId == "RBCS401" && f.StartLine == 2);
        Assert.True(Directory.Exists(System.IO.Path.Combine(feed, "cache", "blobs")), "the analysis process did not use serve's package cache");
        Directory.Delete(feed, recursive: true);
    }

    [Fact]
    public void TheWarmUp_AnalysesItsCSharpAndPython()
    {
        // Run by the analysis process as it starts; a warm-up that silently analysed nothing would leave the first review slow.
        Assert.True(AnalysisServer.WarmUp(ReviewBot.Cli.Analyzers.CreateRegistry()) >= 4);
    }

    [Theory]
    [InlineData("GitHub__WebhookSecret", true)]
    [InlineData("GitHub__PrivateKeyPath", true)]
    [InlineData("ReviewBot__DataDir", true)]
    [InlineData("ConnectionStrings__ReviewBot", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("INPUT_GITHUB_TOKEN", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("PGPASSWORD", true)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    [InlineData("DOTNET_ROOT", false)]
    public void TheAppsSettingsAndSecrets_AreNotPassedToTheAnalysisProcess(string name, bool withheld) =>
        Assert.Equal(withheld, AnalysisProcess.IsAppSetting(name));

    private async Task<(List<string> Annotations, List<string> Comments, string Title)> PublishedAsync(bool analysisProcess)
    {
        await using var harness = await AppHarness.CreateAsync(EndToEndTests.BaseFiles, OnPostgres);
        await harness.StartAppAsync(("ReviewBot__AnalysisProcess", analysisProcess ? "true" : "false"));
        Assert.Equal(analysisProcess, harness.Services.GetService<AnalysisProcess>() is not null);
        var pull = harness.OpenPullRequest(Change);
        await DeliverAsync(harness, pull);
        var run = await harness.WaitForCompletedCheckRunAsync(pull.HeadSha);
        return (
            [.. run.Annotations.Select(a => $"{a.Path}:{a.StartLine}-{a.EndLine} {a.Level} {a.Title}: {a.Message}").Order(StringComparer.Ordinal)],
            [.. harness.GitHub.ReviewComments(pull).Select(c => $"{c.Path}:{c.Line} {c.Body}").Order(StringComparer.Ordinal)],
            // The fake's port and the commits' ids are each harness's own.
            System.Text.RegularExpressions.Regex.Replace((run.Title ?? "") + "\n" + run.Summary, @"127\.0\.0\.1:[0-9]+|\b[0-9a-f]{40}\b", "*"));
    }

    private static async Task DeliverAsync(AppHarness harness, FakeGitHub.FakePullRequest pull)
    {
        using var response = await harness.DeliverAsync("pull_request", harness.Payload("pull_request/opened.2.json", pull));
        await AppHarness.AssertStatusAsync(HttpStatusCode.Accepted, response);
    }
}
