using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// A shell command built from a non-literal: <c>subprocess</c> calls with <c>shell=True</c> and <c>os.system</c>/<c>os.popen</c>
/// whose command is not a string literal (bandit B602, B605).
/// </summary>
/// <why>The shell interprets metacharacters in the command; a file name or argument containing <c>; rm -rf ~</c> becomes a second command.</why>
/// <example><code>
/// subprocess.run(f"tar xf {path}", shell=True)
/// os.system("rm " + path)
/// </code></example>
/// <fix><code>
/// subprocess.run(["tar", "xf", path], check=True)
/// os.remove(path)
/// </code></fix>
public sealed class ShellCommandFromNonLiteral : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY102", nameof(ShellCommandFromNonLiteral), Category.Security, Severity.Error, Languages.Python, "Shell command built from a non-literal")
    {
        DocumentedBy = typeof(ShellCommandFromNonLiteral),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> SubprocessFunctions =
        ["subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen", "subprocess.getoutput", "subprocess.getstatusoutput"];

    private static readonly HashSet<string> ShellFunctions =
        ["os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput"];

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            var name = file.QualifiedName(call.Function);
            if (name is null) continue;
            var command = call.Arguments.Count > 0 && call.Arguments[0].Name is null && call.Arguments[0].Stars == 0 ? call.Arguments[0].Value : call.Keyword("args") ?? call.Keyword("cmd");
            if (command is null || SyntaxFacts.IsLiteral(command)) continue;
            if (ShellFunctions.Contains(name))
            {
                file.Report(Rule, call, $"The command passed to '{name}' is not a literal, so the shell interprets whatever it contains; pass an argument list to subprocess.run instead.");
            }
            else if (SubprocessFunctions.Contains(name) && SyntaxFacts.IsTrue(call.Keyword("shell")) && command is not SequenceExpression { Kind: SequenceKind.List })
            {
                file.Report(Rule, call, $"The call to '{name}' runs a non-literal command with shell=True; pass an argument list without shell=True.");
            }
        }
    }
}
