using ReviewBot.Python.Syntax;

namespace ReviewBot.Python;

/// <summary>A class and what it is known to derive from by name.</summary>
public sealed class ClassInfo(ClassDefinition node, ClassInfo? outer, FunctionInfo? function)
{
    public ClassDefinition Node { get; } = node;

    public ClassInfo? Outer { get; } = outer;

    public FunctionInfo? Function { get; } = function;

    /// <summary>The last dotted component of each base class (<c>TestCase</c> for <c>unittest.TestCase</c>).</summary>
    public IReadOnlyList<string> BaseNames { get; } = node.Bases
        .Where(b => b.Name is null && b.Stars == 0)
        .Select(b => b.Value switch { NameExpression n => n.Id, AttributeExpression a => a.Name, SubscriptExpression { Value: NameExpression g } => g.Id, _ => "" })
        .Where(n => n.Length > 0)
        .ToList();

    /// <summary>A unittest-style test class: named <c>Test*</c> or deriving from a <c>*TestCase</c>/<c>*Test</c>/<c>*TestBase</c> class.</summary>
    public bool IsTestClass { get; internal set; }

    /// <summary>A base class name of the unittest/testtools kind: <c>*TestCase</c>, <c>*Test</c>, <c>*TestBase</c>.</summary>
    public static bool IsTestCaseName(string name) =>
        name.EndsWith("TestCase", StringComparison.Ordinal) || name.EndsWith("Test", StringComparison.Ordinal) || name.EndsWith("TestBase", StringComparison.Ordinal);
}

/// <summary>A function, the class it is a method of (if directly in a class body), and the function it is nested in.</summary>
public sealed class FunctionInfo(FunctionDefinition node, ClassInfo? cls, FunctionInfo? parent)
{
    public FunctionDefinition Node { get; } = node;

    public ClassInfo? Class { get; } = cls;

    public FunctionInfo? Parent { get; } = parent;

    public bool IsMethod => Class is not null;

    /// <summary>A test: <c>test*</c> method of a test class, or a module-level <c>test_*</c> function of a test file (pytest).</summary>
    public bool IsTest { get; internal set; }
}

/// <summary>A call, the function it is in, and whether it is inside an <c>except</c> block of that function.</summary>
public sealed record CallInfo(CallExpression Node, FunctionInfo? Function, bool InExceptHandler);

/// <summary>The functions, classes and calls of a module, collected in one walk.</summary>
public sealed class SyntaxIndex
{
    public List<FunctionInfo> Functions { get; } = [];

    public List<ClassInfo> Classes { get; } = [];

    /// <summary>The first class of each name, for looking up base classes defined in the same file.</summary>
    public IReadOnlyDictionary<string, ClassInfo> ClassesByName { get; private set; } = new Dictionary<string, ClassInfo>();

    public List<CallInfo> Calls { get; } = [];

    /// <summary>Assignments and annotated assignments with the function they are in (null at module or class level).</summary>
    public List<(Statement Statement, FunctionInfo? Function, ClassInfo? Class)> Assignments { get; } = [];

    public static SyntaxIndex Build(ModuleNode module, bool isTestFile)
    {
        var index = new SyntaxIndex();
        new Collector(index).Visit(module);
        var byName = new Dictionary<string, ClassInfo>(StringComparer.Ordinal);
        foreach (var cls in index.Classes) byName.TryAdd(cls.Node.Name, cls);
        index.ClassesByName = byName;
        foreach (var cls in index.Classes) cls.IsTestClass = IsTestClass(cls, byName);
        foreach (var function in index.Functions)
        {
            function.IsTest = function.Node.Name.StartsWith("test", StringComparison.Ordinal)
                && (function.Class is { IsTestClass: true } || (isTestFile && function.Class is null && function.Parent is null && function.Node.Name.StartsWith("test_", StringComparison.Ordinal)));
        }

        return index;
    }

    private static bool IsTestClass(ClassInfo cls, Dictionary<string, ClassInfo> byName)
    {
        var seen = new HashSet<ClassInfo> { cls };
        var pending = new Queue<ClassInfo>();
        pending.Enqueue(cls);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (current.Node.Name.StartsWith("Test", StringComparison.Ordinal)) return true;
            foreach (var name in current.BaseNames)
            {
                if (ClassInfo.IsTestCaseName(name) || name.StartsWith("Test", StringComparison.Ordinal)) return true;

                if (byName.TryGetValue(name, out var local) && seen.Add(local)) pending.Enqueue(local);
            }
        }

        return false;
    }

    private sealed class Collector(SyntaxIndex index) : SyntaxWalker
    {
        private ClassInfo? _class;
        private FunctionInfo? _function;
        private bool _directlyInClass;
        private int _except;

        public override void Visit(Node node)
        {
            switch (node)
            {
                case FunctionDefinition function:
                    {
                        var info = new FunctionInfo(function, _directlyInClass ? _class : null, _function);
                        index.Functions.Add(info);
                        var saved = (_function, _directlyInClass, _except);
                        (_function, _directlyInClass, _except) = (info, false, 0);
                        base.Visit(node);
                        (_function, _directlyInClass, _except) = saved;
                        return;
                    }

                case ClassDefinition cls:
                    {
                        var info = new ClassInfo(cls, _class, _function);
                        index.Classes.Add(info);
                        var saved = (_class, _directlyInClass);
                        (_class, _directlyInClass) = (info, true);
                        base.Visit(node);
                        (_class, _directlyInClass) = saved;
                        return;
                    }

                case ExceptHandler:
                    _except++;
                    base.Visit(node);
                    _except--;
                    return;
                case CallExpression call:
                    index.Calls.Add(new CallInfo(call, _function, _except > 0));
                    break;
                case AssignStatement or AnnotatedAssignStatement:
                    index.Assignments.Add(((Statement)node, _function, _directlyInClass ? _class : null));
                    break;
            }

            base.Visit(node);
        }
    }
}
