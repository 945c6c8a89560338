using System.Runtime.CompilerServices;

namespace ReviewBot.Engine.Tests.Reporting;

/// <summary>
/// Compares a report with its golden file in <c>Golden/</c>. Set <c>REVIEWBOT_UPDATE_GOLDEN=1</c> to rewrite the golden
/// files after an intended change, then read the diff before committing it.
/// </summary>
internal static class Golden
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "..", "Golden", name);
        if (Environment.GetEnvironmentVariable("REVIEWBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {name} is missing; run with REVIEWBOT_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
