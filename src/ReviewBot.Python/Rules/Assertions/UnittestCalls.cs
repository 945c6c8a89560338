using ReviewBot.Engine.Findings;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Assertions;

/// <summary>Recognises <c>self.assertX(...)</c> calls and rewrites them as whole-line suggestions.</summary>
public static class UnittestCalls
{
    /// <summary>The assertion method of <c>self.method(...)</c>, or null.</summary>
    public static string? SelfMethod(CallExpression call) =>
        call.Function is AttributeExpression { Value: NameExpression { Id: "self" or "cls" or "test" or "testcase" }, Name: var name } ? name : null;

    /// <summary>
    /// Replaces a one-line assertion statement with <c>self.newMethod(arguments)</c>; null when the call is not a whole
    /// statement on its own line.
    /// </summary>
    public static Suggestion? Rewrite(PythonFile file, CallExpression call, string newMethod, IEnumerable<string> arguments, string description)
    {
        if (call.Line != call.EndLine || call.Function is not AttributeExpression { Value: var receiver }) return null;
        var line = file.Lines.GetLine(call.Line);
        if (line.Trim() != file.TextOf(call)) return null;
        var replacement = file.IndentOf(call.Line) + file.TextOf(receiver) + "." + newMethod + "(" + string.Join(", ", arguments) + ")";
        return new Suggestion(call.Line, call.Line, replacement, description);
    }

    /// <summary>The source text of the call's arguments after the first <paramref name="skip"/> (the message, keywords).</summary>
    public static IEnumerable<string> RestOf(PythonFile file, CallExpression call, int skip) =>
        call.Arguments.Skip(skip).Select(a => file.TextOf(a));
}
