using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.UnusedCode;

/// <summary>
/// A resource opened in a test's <c>setUp</c> and never closed: <c>self.x = open(...)</c> (or a socket, a temporary
/// file or directory, a database connection, a process) with no <c>close</c>/<c>cleanup</c>/<c>rmtree</c>/
/// <c>addCleanup</c> of <c>self.x</c> anywhere in the class.
/// </summary>
/// <why>Each test leaks a file handle, socket or directory; a long suite runs out of descriptors or disk, and <c>ResourceWarning</c>s hide real problems.</why>
/// <example><code>
/// def setUp(self):
///     self.log = open(self.log_path, "w")
/// </code></example>
/// <fix><code>
/// def setUp(self):
///     self.log = open(self.log_path, "w")
///     self.addCleanup(self.log.close)
/// </code></fix>
public sealed class UnclosedSetUpResource : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY404", nameof(UnclosedSetUpResource), Category.UnusedCode, Severity.Warning, Languages.Python, "Resource opened in setUp and never closed")
    {
        DocumentedBy = typeof(UnclosedSetUpResource),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> Openers =
    [
        "open", "io.open", "codecs.open", "socket.socket", "socket.create_connection", "tempfile.TemporaryFile", "tempfile.NamedTemporaryFile",
        "tempfile.SpooledTemporaryFile", "tempfile.TemporaryDirectory", "tempfile.mkdtemp", "sqlite3.connect", "subprocess.Popen",
        "urllib.request.urlopen", "gzip.open", "bz2.open", "lzma.open", "zipfile.ZipFile", "tarfile.open",
    ];

    private static readonly string[] Releases = ["close", "cleanup", "rmtree", "remove", "unlink", "terminate", "kill", "shutdown", "stop", "__exit__", "addCleanup", "with ", "communicate", "wait("];

    public override void Analyze(PythonFile file)
    {
        foreach (var cls in file.Index.Classes)
        {
            if (!cls.IsTestClass || cls.Node.Body.OfType<FunctionDefinition>().FirstOrDefault(f => f.Name == "setUp") is not { } setUp) continue;
            foreach (var statement in setUp.Body)
            {
                if (statement is not AssignStatement { Targets: [var target], Value: CallExpression call }) continue;
                if (SyntaxFacts.DottedName(target) is not { } name || !name.StartsWith("self.", StringComparison.Ordinal)) continue;
                if (file.QualifiedName(call.Function) is not { } opener || !Openers.Contains(opener)) continue;
                if (IsReleased(file, cls.Node, name)) continue;
                file.Report(Rule, statement, $"The resource '{name}' opened with '{opener}' in setUp is never closed; add self.addCleanup({name}.close) right after opening it.");
            }
        }
    }

    private static bool IsReleased(PythonFile file, ClassDefinition cls, string name)
    {
        for (var line = cls.Line; line <= cls.EndLine; line++)
        {
            var text = file.Lines.GetLine(line);
            var at = text.IndexOf(name, StringComparison.Ordinal);
            if (at < 0) continue;
            var after = at + name.Length < text.Length ? text[at + name.Length] : ' ';
            if (char.IsLetterOrDigit(after) || after == '_') continue;
            if (Releases.Any(r => text.Contains(r, StringComparison.Ordinal))) return true;
        }

        return false;
    }
}
