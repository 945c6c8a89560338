using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Naming;

/// <summary>Which function names a file chose itself, and which an API fixed for it.</summary>
public static class NamingConventions
{
    private static readonly HashSet<string> UnittestApi =
    [
        "setUp", "tearDown", "setUpClass", "runTest", "setUpTestData", "tearDownClass", "setUpModule", "tearDownModule", "asyncSetUp", "asyncTearDown",
        "maxDiff", "longMessage", "addCleanup", "doCleanups", "addClassCleanup", "doClassCleanups", "enterContext",
        "enterClassContext", "skipTest", "subTest", "shortDescription", "countTestCases", "defaultTestResult", "startTest",
        "stopTest", "startTestRun", "stopTestRun", "addError", "addFailure", "addSuccess", "addSkip", "addExpectedFailure",
        "addUnexpectedSuccess", "addSubTest", "addDuration", "useFixture", "getDetails", "addDetail", "failureException",
    ];

    private static readonly string[] HandlerPrefixes = ["visit_", "depart_", "do_", "handle_", "on_", "leave_", "enter_"];

    /// <summary>True when the name of <paramref name="function"/> is not the file's to choose.</summary>
    public static bool IsFixedByApi(PythonFile file, FunctionInfo function)
    {
        var name = function.Node.Name;
        if (SyntaxFacts.IsDunder(name)) return true;
        if (UnittestApi.Contains(name) || name.StartsWith("assert", StringComparison.Ordinal)) return true;
        if (HandlerPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) return true;
        if (file.Semantics.IsInAll(name)) return true;
        if (function.Node.Decorators.Any(d => SyntaxFacts.DottedName(d is CallExpression c ? c.Function : d)?.EndsWith("override", StringComparison.Ordinal) == true)) return true;
        return function.Class is { } cls && ClassHierarchy.MayOverride(file, cls, name);
    }

    /// <summary>
    /// A name consistent with snake_case: lower case, with an underscore between words or of one word (<c>compute</c>),
    /// which pylint's and ruff's snake_case patterns accept too.
    /// </summary>
    public static bool IsSnakeConsistent(string name)
    {
        var trimmed = name.Trim('_');
        return trimmed.Length > 0 && SyntaxFacts.IsSnakeCase(trimmed);
    }
}
