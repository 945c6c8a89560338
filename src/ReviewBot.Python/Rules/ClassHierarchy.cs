using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules;

/// <summary>
/// Whether a method may override one of a base class's: bases defined in the file are read; builtin classes
/// (<c>object</c>, <c>Exception</c>, <c>dict</c>, <c>str</c>, <c>NamedTuple</c>, <c>Enum</c>, ...) are known by their
/// methods; a base defined in another file of the repository is looked up there; any other base may define anything.
/// </summary>
public static class ClassHierarchy
{
    private const int MaxDepth = 8;

    private static readonly string[] ExceptionMembers = ["args", "with_traceback", "add_note"];
    private static readonly string[] OsErrorMembers = [.. ExceptionMembers, "errno", "strerror", "filename", "filename2", "winerror", "characters_written"];
    private static readonly string[] SequenceMembers = ["count", "index"];
    private static readonly string[] ListMembers = [.. SequenceMembers, "append", "clear", "copy", "extend", "insert", "pop", "remove", "reverse", "sort"];
    private static readonly string[] DictMembers = ["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"];
    private static readonly string[] SetMembers =
    [
        "add", "clear", "copy", "difference", "difference_update", "discard", "intersection", "intersection_update", "isdisjoint",
        "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union", "update",
    ];

    private static readonly string[] TextMembers =
    [
        "capitalize", "center", "count", "decode", "encode", "endswith", "expandtabs", "find", "format", "format_map", "fromhex", "hex",
        "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace",
        "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace",
        "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
        "translate", "upper", "zfill", "casefold",
    ];

    private static readonly string[] NumberMembers =
        ["as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "is_integer", "numerator", "real", "to_bytes", "fromhex", "hex"];

    private static readonly string[] EnumMembers = ["name", "value", "_missing_", "_generate_next_value_", "_ignore_", "_order_", "_numeric_repr_", "_add_alias_", "_add_value_alias_"];

    private static readonly string[] BuiltinExceptions =
    [
        "BaseException", "Exception", "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError", "FloatingPointError",
        "GeneratorExit", "ImportError", "ModuleNotFoundError", "IndexError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
        "NameError", "NotImplementedError", "OverflowError", "RecursionError", "ReferenceError", "RuntimeError", "StopIteration",
        "StopAsyncIteration", "SyntaxError", "IndentationError", "TabError", "SystemError", "SystemExit", "TypeError", "UnboundLocalError",
        "UnicodeError", "UnicodeEncodeError", "UnicodeDecodeError", "UnicodeTranslateError", "ValueError", "ZeroDivisionError",
        "Warning", "UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "SyntaxWarning", "RuntimeWarning", "FutureWarning",
        "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning",
    ];

    private static readonly string[] BuiltinOsErrors =
    [
        "OSError", "IOError", "EnvironmentError", "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError",
        "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError",
        "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
    ];

    // Builtin and standard-library classes -> the non-dunder members a subclass can override.
    private static readonly Dictionary<string, HashSet<string>> KnownMembers = BuildKnownMembers();

    /// <summary>True when <paramref name="name"/> may be defined by a base class of <paramref name="cls"/>.</summary>
    public static bool MayOverride(PythonFile file, ClassInfo cls, string name)
    {
        var seen = new HashSet<ClassInfo> { cls };
        var pending = new Queue<ClassInfo>();
        pending.Enqueue(cls);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            foreach (var baseClass in current.Node.Bases.Where(b => b.Name is null && b.Stars == 0))
            {
                var expression = baseClass.Value is SubscriptExpression generic ? generic.Value : baseClass.Value;
                if (InFile(file, current, expression) is not { } inFile)
                {
                    if (OutsideMayDefine(file, expression, name)) return true;
                    continue;
                }

                if (inFile.Node.Body.Any(s => s is FunctionDefinition f && f.Name == name)) return true;
                if (seen.Add(inFile)) pending.Enqueue(inFile);
            }
        }

        return false;
    }

    private static ClassInfo? InFile(PythonFile file, ClassInfo current, Expression expression) =>
        expression is NameExpression local && file.Index.ClassesByName.TryGetValue(local.Id, out var inFile) && inFile != current ? inFile : null;

    // A base not defined in the file: a builtin by its known members, a TestCase by the names listed where they
    // matter, a class elsewhere in the repository by its outline; any other base may define anything.
    private static bool OutsideMayDefine(PythonFile file, Expression expression, string name)
    {
        var simple = expression switch { NameExpression n => n.Id, AttributeExpression a => a.Name, _ => null };
        if (simple is null) return true;
        if (KnownBase(file, expression, simple) is { } members) return members.Contains(name);
        // The unittest/testtools TestCase API is listed by name where it matters (NamingConventions).
        if (ClassInfo.IsTestCaseName(simple)) return false;
        return !file.Repository.IsAvailable || RepositoryMayDefine(file.Repository, file.Repository.ClassesNamed(simple, exceptPath: file.Path), name, 0);
    }

    // A builtin named bare (and not rebound by the module: 'from .exceptions import ConnectionError'), or a known
    // standard-library class by its qualified name.
    private static HashSet<string>? KnownBase(PythonFile file, Expression expression, string simple)
    {
        if (expression is NameExpression)
        {
            var module = file.Semantics.Scopes[0];
            if (module.Kind == ScopeKind.Module && module.Bindings.ContainsKey(simple))
            {
                return file.Imports.TryGetValue(simple, out var imported) ? KnownMembers.GetValueOrDefault(imported) : null;
            }

            return KnownMembers.GetValueOrDefault(simple);
        }

        return file.QualifiedName(expression) is { } qualified ? KnownMembers.GetValueOrDefault(qualified) : null;
    }

    // A class of that name in another file: its methods are read there, and its own bases resolved the same way.
    private static bool RepositoryMayDefine(RepositoryText repository, IReadOnlyList<ClassOutline> definitions, string name, int depth)
    {
        if (definitions.Count == 0 || depth >= MaxDepth) return true;
        return definitions.Any(definition => definition.Methods.Contains(name) || definition.Bases.Any(b => OutlineBaseMayDefine(repository, b, name, depth)));
    }

    private static bool OutlineBaseMayDefine(RepositoryText repository, string baseName, string name, int depth)
    {
        if (KnownMembers.TryGetValue(baseName, out var members)) return members.Contains(name);
        if (ClassInfo.IsTestCaseName(baseName)) return false;
        return RepositoryMayDefine(repository, repository.ClassesNamed(baseName), name, depth + 1);
    }

    private static Dictionary<string, HashSet<string>> BuildKnownMembers()
    {
        var known = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string[] members, params string[] names)
        {
            foreach (var name in names) known[name] = new HashSet<string>(members, StringComparer.Ordinal);
        }

        Add([], "object", "Generic", "typing.Generic", "Protocol", "typing.Protocol", "ABC", "abc.ABC", "typing_extensions.Protocol");
        Add(ExceptionMembers, BuiltinExceptions);
        Add(OsErrorMembers, BuiltinOsErrors);
        Add(ListMembers, "list", "typing.List");
        Add(SequenceMembers, "tuple", "typing.Tuple");
        Add([.. SequenceMembers, "_make", "_asdict", "_replace", "_fields", "_field_defaults"], "typing.NamedTuple", "NamedTuple");
        Add(DictMembers, "dict", "typing.Dict", "typing.TypedDict", "typing_extensions.TypedDict", "TypedDict");
        Add([.. DictMembers, "move_to_end", "default_factory", "__missing__"], "collections.OrderedDict", "collections.defaultdict");
        Add([.. DictMembers, "elements", "most_common", "subtract", "total"], "collections.Counter");
        Add(SetMembers, "set", "frozenset", "typing.Set", "typing.FrozenSet");
        Add(TextMembers, "str", "bytes", "bytearray");
        Add(NumberMembers, "int", "float", "complex", "bool");
        Add(EnumMembers, "enum.Enum", "Enum");
        Add([.. EnumMembers, .. NumberMembers], "enum.IntEnum", "enum.IntFlag", "IntEnum", "IntFlag");
        Add([.. EnumMembers, .. TextMembers], "enum.StrEnum", "StrEnum");
        Add(EnumMembers, "enum.Flag", "Flag");
        return known;
    }
}
