using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using System.Text.RegularExpressions;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>A server bound to <c>0.0.0.0</c>: the address passed to a call or assigned to a host/bind/listen name (bandit B104).</summary>
/// <why>Binding to every interface exposes the service on every network the machine is on, not only the one it is meant for.</why>
/// <example><code>
/// app.run(host="0.0.0.0", port=8080)
/// </code></example>
/// <fix><code>
/// app.run(host=os.environ.get("BIND_ADDRESS", "127.0.0.1"), port=8080)
/// </code></fix>
public sealed partial class BindAllInterfaces : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY112", nameof(BindAllInterfaces), Category.Security, Severity.Warning, Languages.Python, "Binding to all interfaces")
    {
        DocumentedBy = typeof(BindAllInterfaces),
    };

    public override RuleDescriptor Descriptor => Rule;

    // Source-generated: no regex construction at start-up.
    [GeneratedRegex("(host|bind|listen|addr|address|interface)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    private static readonly HashSet<string> ServerCalls =
    [
        "bind", "listen", "run", "serve", "run_simple", "create_server", "start_server", "make_server", "HTTPServer",
        "ThreadingHTTPServer", "TCPServer", "ThreadingTCPServer", "UDPServer", "WSGIServer", "create_connection",
    ];

    public override void Analyze(PythonFile file)
    {
        if (file.IsTestFile) return;
        foreach (var info in file.Index.Calls)
        {
            foreach (var argument in info.Node.Arguments)
            {
                var value = argument.Value is SequenceExpression { Kind: SequenceKind.Tuple, Elements.Count: > 0 } pair ? pair.Elements[0] : argument.Value;
                if (!IsAnyAddress(value)) continue;
                if (argument.Name is not null ? !HostName().IsMatch(argument.Name) : !ServerCalls.Contains(SyntaxFacts.CalleeName(info.Node) ?? "")) continue;
                file.Report(Rule, value, "The address '0.0.0.0' binds to every network interface; bind to a configured address instead.");
            }
        }

        foreach (var (statement, _, _) in file.Index.Assignments)
        {
            if (statement is AssignStatement { Value: var value } assign && IsAnyAddress(value)
                && assign.Targets.Any(t => t is NameExpression n && HostName().IsMatch(n.Id) || t is AttributeExpression a && HostName().IsMatch(a.Name)))
            {
                file.Report(Rule, value, "The address '0.0.0.0' binds to every network interface; bind to a configured address instead.");
            }
        }
    }

    private static bool IsAnyAddress(Expression expression) => expression is StringExpression { Interpolations.Count: 0 } text && text.Value == "0.0.0.0";
}
