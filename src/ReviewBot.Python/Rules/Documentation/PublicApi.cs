using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Documentation;

/// <summary>What pydocstyle counts as public, and which files the documentation rules look at.</summary>
public static class PublicApi
{
    /// <summary>False for tests (unless <c>DocumentTests</c>), stubs, and setup/conftest/manage scripts.</summary>
    public static bool AppliesTo(PythonFile file)
    {
        if (file.IsStub || (file.IsTestFile && !file.Thresholds.DocumentTests)) return false;
        var name = System.IO.Path.GetFileName(file.Path);
        return name is not ("setup.py" or "conftest.py" or "manage.py");
    }

    public static bool IsPublicName(string name) => !name.StartsWith('_');

    /// <summary>A module-level name is public when it has no leading underscore and, if the module has <c>__all__</c>, is listed there.</summary>
    public static bool IsExported(PythonFile file, string name) =>
        IsPublicName(name) && (file.Semantics.AllNames is null || file.Semantics.IsInAll(name));

    /// <summary>A class is public when it and every class around it are public, and it is not inside a function.</summary>
    public static bool IsPublic(PythonFile file, ClassInfo cls)
    {
        if (cls.Function is not null) return false;
        if (cls.Outer is null) return IsExported(file, cls.Node.Name);
        return IsPublicName(cls.Node.Name) && IsPublic(file, cls.Outer);
    }

    public static bool HasDocstring(IReadOnlyList<Statement> body) => SyntaxFacts.Docstring(body) is not null;

    /// <summary>Overloads, property setters/deleters and overrides take their documentation from elsewhere.</summary>
    public static bool DocumentedElsewhere(PythonFile file, FunctionInfo function)
    {
        foreach (var decorator in function.Node.Decorators)
        {
            var name = SyntaxFacts.DottedName(decorator is CallExpression call ? call.Function : decorator) ?? "";
            if (name.EndsWith("overload", StringComparison.Ordinal) || name.EndsWith("override", StringComparison.Ordinal)
                || name.EndsWith(".setter", StringComparison.Ordinal) || name.EndsWith(".deleter", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return function.Class is { } cls && ClassHierarchy.MayOverride(file, cls, function.Node.Name);
    }
}
