using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Semantics;

/// <summary>The kinds of Python scope; class scopes do not enclose the functions defined in them.</summary>
public enum ScopeKind : byte
{
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,

    /// <summary>The PEP 695 scope of a generic class's or type alias's type parameters.</summary>
    TypeParameters,
}

/// <summary>How a name got bound.</summary>
public enum BindingKind : byte
{
    Import,
    FromImport,
    FutureImport,
    StarImport,

    /// <summary><c>x = value</c> or <c>x: T = value</c>: a plain name target.</summary>
    Assignment,

    /// <summary>A name inside a tuple or list target: <c>a, b = pair</c>.</summary>
    UnpackingAssignment,

    AugmentedAssignment,

    /// <summary><c>x: T</c> without a value.</summary>
    Annotation,

    LoopVariable,
    WithTarget,
    ExceptionName,
    Parameter,
    Function,
    Class,
    NamedExpression,
    PatternCapture,
    TypeParameter,
    TypeAlias,
}

/// <summary>One binding of a name in a scope, and whether any use of the name resolves to the scope.</summary>
public sealed class Binding(string name, BindingKind kind, Node node, Scope scope)
{
    public string Name { get; } = name;

    public BindingKind Kind { get; } = kind;

    /// <summary>The node that binds: an <see cref="ImportAlias"/>, a <see cref="NameExpression"/>, a definition, ...</summary>
    public Node Node { get; } = node;

    public Scope Scope { get; } = scope;

    /// <summary>The statement the binding is part of, where there is one (the import, the assignment).</summary>
    public Statement? Statement { get; init; }

    /// <summary>
    /// The binding is in the body of a <c>try</c> whose handlers catch <c>ImportError</c>, or is an import in such a
    /// handler that rebinds a name the body imported (the fallback: <c>except ImportError: import io as StringIO</c>).
    /// </summary>
    public bool InImportGuard { get; init; }

    /// <summary>
    /// The binding is in the body of <c>with pytest.raises(...)</c> or <c>with self.assertRaises(...)</c>: the statement
    /// is the action under test (<c>import unimportable</c>), not a definition meant to be used.
    /// </summary>
    public bool InExpectedRaise { get; init; }

    /// <summary>The binding is under <c>if TYPE_CHECKING:</c>.</summary>
    public bool InTypeCheckingBlock { get; init; }

    public bool Used { get; internal set; }

    public int Line => Node.Line;

    public int Column => Node.Column;
}

/// <summary>A scope: the names bound in it, its <c>global</c>/<c>nonlocal</c> declarations and the names it reads.</summary>
public sealed class Scope(ScopeKind kind, Node node, Scope? parent)
{
    private readonly Dictionary<string, List<Binding>> _bindings = new(StringComparer.Ordinal);

    public ScopeKind Kind { get; } = kind;

    /// <summary>The module, class, function, lambda or comprehension that opens the scope.</summary>
    public Node Node { get; } = node;

    public Scope? Parent { get; } = parent;

    public HashSet<string> Globals { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Nonlocals { get; } = new(StringComparer.Ordinal);

    /// <summary>The scope calls <c>locals()</c>, so every local may be read.</summary>
    public bool UsesLocals { get; internal set; }

    /// <summary>The scope has <c>from module import *</c>.</summary>
    public bool HasStarImport { get; internal set; }

    /// <summary>Names read in this scope, with where.</summary>
    public List<(string Name, Node At)> Loads { get; } = [];

    public IReadOnlyDictionary<string, List<Binding>> Bindings => _bindings;

    public bool Binds(string name) => _bindings.ContainsKey(name);

    internal void Add(Binding binding)
    {
        if (!_bindings.TryGetValue(binding.Name, out var list)) _bindings[binding.Name] = list = [];
        list.Add(binding);
    }

    /// <summary>The last binding of <paramref name="name"/> in source order, which is what pyflakes reports on.</summary>
    public Binding? Last(string name)
    {
        if (!_bindings.TryGetValue(name, out var list)) return null;
        var last = list[0];
        foreach (var binding in list)
        {
            if (binding.Line > last.Line || (binding.Line == last.Line && binding.Column > last.Column)) last = binding;
        }

        return last;
    }
}
