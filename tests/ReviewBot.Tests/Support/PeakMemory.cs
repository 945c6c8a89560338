using System.Globalization;

namespace ReviewBot.Tests.Support;

/// <summary>Peak resident memory of a process and its children, as Linux records it (<c>VmHWM</c> in /proc): for the benchmarks' figures.</summary>
internal static class PeakMemory
{
    /// <summary>The peak resident set of <paramref name="processId"/> in MiB, or null when /proc does not say (not Linux, or gone).</summary>
    public static double? MebibytesOf(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The processes whose parent is <paramref name="processId"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int processId)
    {
        var children = new List<int>();
        if (!Directory.Exists("/proc")) return children;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                // "pid (comm) state ppid ...": the name may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == processId) children.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while the folder was listed.
            }
        }

        return children;
    }
}
