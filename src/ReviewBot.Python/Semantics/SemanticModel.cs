using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Semantics;

/// <summary>
/// The scopes and bindings of a module, with every read of a name resolved to the scope it reads from, as Python
/// resolves it: local if bound anywhere in the function (unless declared <c>global</c>/<c>nonlocal</c>), then enclosing
/// functions (class scopes are skipped), then the module, then builtins. Like pyflakes, a binding counts as used when
/// any read of its name resolves to its scope; names listed in <c>__all__</c> and names in string annotations are reads.
/// </summary>
public sealed class SemanticModel
{
    private SemanticModel(Scope module, List<Scope> scopes, IReadOnlyList<string>? allNames, HashSet<string> attributeNames)
    {
        Module = module;
        Scopes = scopes;
        AllNames = allNames;
        AttributeNames = attributeNames;
    }

    public Scope Module { get; }

    /// <summary>Every scope, module first, in source order.</summary>
    public IReadOnlyList<Scope> Scopes { get; }

    /// <summary>The string names of the module's <c>__all__</c>, or null when it has none.</summary>
    public IReadOnlyList<string>? AllNames { get; }

    /// <summary>Whether the module's <c>__all__</c> lists <paramref name="name"/> (false when it has none).</summary>
    public bool IsInAll(string name) => AllNames is not null && (_allSet ??= new HashSet<string>(AllNames, StringComparer.Ordinal)).Contains(name);

    private HashSet<string>? _allSet;

    /// <summary>Every attribute name read anywhere in the module (<c>self._helper</c> reads <c>_helper</c>).</summary>
    public IReadOnlySet<string> AttributeNames { get; }

    /// <summary>Whether <paramref name="name"/>, bound in <paramref name="scope"/>, is read between the given lines.</summary>
    public bool IsReadWithin(Scope scope, string name, int startLine, int endLine)
    {
        foreach (var candidate in Scopes)
        {
            // Only the scope itself and scopes that start inside the range can read there.
            if (candidate != scope && (candidate.Node.Line < startLine || candidate.Node.Line > endLine)) continue;
            foreach (var (loaded, at) in candidate.Loads)
            {
                if (loaded == name && at.Line >= startLine && at.Line <= endLine && Resolve(candidate, name) == scope) return true;
            }
        }

        return false;
    }

    /// <summary>The scope that <paramref name="name"/>, read in <paramref name="scope"/>, resolves to; null for builtins.</summary>
    public static Scope? Resolve(Scope scope, string name)
    {
        if (scope.Globals.Contains(name)) return Root(scope);
        var current = scope;
        if (scope.Nonlocals.Contains(name) || !scope.Binds(name))
        {
            current = scope.Parent;
            while (current is not null)
            {
                if (current.Kind != ScopeKind.Class && current.Binds(name)) return current;
                current = current.Parent;
            }

            return null;
        }

        return current;
    }

    private static Scope Root(Scope scope)
    {
        while (scope.Parent is not null) scope = scope.Parent;
        return scope;
    }

    public static SemanticModel Build(ModuleNode module)
    {
        var binder = new Binder(module);
        binder.Visit(module);
        foreach (var scope in binder.Scopes)
        {
            foreach (var (name, _) in scope.Loads)
            {
                var target = Resolve(scope, name);
                if (target is null || !target.Bindings.TryGetValue(name, out var bindings)) continue;
                foreach (var binding in bindings) binding.Used = true;
            }

            // A name an inner function declares nonlocal is shared state: it is read through the closure.
            foreach (var name in scope.Nonlocals)
            {
                for (var outer = scope.Parent; outer is not null; outer = outer.Parent)
                {
                    if (outer.Kind == ScopeKind.Class || !outer.Bindings.TryGetValue(name, out var shared)) continue;
                    foreach (var binding in shared) binding.Used = true;
                    break;
                }
            }
        }

        return new SemanticModel(binder.Scopes[0], binder.Scopes, binder.AllNames, binder.AttributeNames);
    }

    private sealed class Binder : SyntaxWalker
    {
        private Scope _scope;
        private BindingKind _storeKind = BindingKind.Assignment;
        private Statement? _statement;
        private int _importGuard;
        private int _typeChecking;
        private int _annotation;
        private int _expectedRaise;

        // Names the body of an enclosing 'try' imported, while visiting its 'except ImportError' handlers.
        private List<HashSet<string>> _fallbackFor = [];

        public Binder(ModuleNode module)
        {
            _scope = new Scope(ScopeKind.Module, module, null);
            Scopes.Add(_scope);
        }

        public List<Scope> Scopes { get; } = [];

        public List<string>? AllNames { get; private set; }

        public HashSet<string> AttributeNames { get; } = new(StringComparer.Ordinal);

        private Scope Open(ScopeKind kind, Node node)
        {
            var scope = new Scope(kind, node, _scope);
            Scopes.Add(scope);
            _scope = scope;
            return scope;
        }

        private void Bind(string name, BindingKind kind, Node node)
        {
            var scope = _scope;
            if (kind == BindingKind.NamedExpression)
            {
                while (scope.Kind == ScopeKind.Comprehension && scope.Parent is not null) scope = scope.Parent;
            }

            if (scope.Globals.Contains(name))
            {
                scope = Root(scope);
            }
            else if (scope.Nonlocals.Contains(name))
            {
                var outer = scope.Parent;
                while (outer is not null && (outer.Kind == ScopeKind.Class || !outer.Binds(name))) outer = outer.Parent;
                if (outer is not null) scope = outer;
            }

            scope.Add(new Binding(name, kind, node, scope)
            {
                Statement = _statement,
                InImportGuard = _importGuard > 0 || (kind is BindingKind.Import or BindingKind.FromImport && IsFallbackImport(name)),
                InTypeCheckingBlock = _typeChecking > 0,
                InExpectedRaise = _expectedRaise > 0,
            });
        }

        private bool IsFallbackImport(string name)
        {
            foreach (var names in _fallbackFor)
            {
                if (names.Contains(name)) return true;
            }

            return false;
        }

        private void Load(string name, Node at) => _scope.Loads.Add((name, at));

        private void VisitTargets(Expression target, BindingKind kind)
        {
            var saved = _storeKind;
            _storeKind = kind;
            Visit(target);
            _storeKind = saved;
        }

        private void VisitAnnotation(Expression? annotation)
        {
            if (annotation is null) return;
            _annotation++;
            Visit(annotation);
            _annotation--;
        }

        private void VisitBody(IReadOnlyList<Statement> body)
        {
            foreach (var statement in body) Visit(statement);
        }

        public override void Visit(Node node)
        {
            switch (node)
            {
                case NameExpression name:
                    if (name.Context == ExpressionContext.Store) Bind(name.Id, _storeKind, name);
                    else Load(name.Id, name);
                    return;
                case AttributeExpression attribute:
                    AttributeNames.Add(attribute.Name);
                    Visit(attribute.Value);
                    return;
                case StringExpression text:
                    if (_annotation > 0 && !text.IsFString && !text.IsBytes) LoadStringAnnotation(text);
                    base.Visit(node);
                    return;
                case CallExpression call:
                    // locals() and vars() read every local; eval/exec without namespaces may read any of them by name.
                    if (call.Function is NameExpression { Id: "locals" or "vars" } && call.Arguments.Count == 0
                        || call.Function is NameExpression { Id: "eval" or "exec" } && call.Arguments.Count == 1)
                    {
                        _scope.UsesLocals = true;
                    }

                    if (call.Function is NameExpression { Id: "cast" or "TypeVar" } or AttributeExpression { Name: "cast" or "TypeVar" })
                    {
                        // typing.cast("T", x) and TypeVar("T", bound="C") take types as strings.
                        _annotation++;
                        base.Visit(node);
                        _annotation--;
                        return;
                    }

                    base.Visit(node);
                    return;
                case Statement statement:
                    VisitStatement(statement);
                    return;
                case LambdaExpression lambda:
                    foreach (var parameter in lambda.Parameters.Parameters) VisitOptionalNode(parameter.Default);
                    Open(ScopeKind.Lambda, lambda);
                    foreach (var parameter in lambda.Parameters.Parameters) Bind(parameter.Name, BindingKind.Parameter, parameter);
                    Visit(lambda.Body);
                    _scope = _scope.Parent!;
                    return;
                case ComprehensionExpression comprehension:
                    VisitComprehension(comprehension);
                    return;
                case NamedExpression named:
                    Visit(named.Value);
                    Bind(named.Target.Id, BindingKind.NamedExpression, named.Target);
                    return;
                case Pattern pattern:
                    if (pattern.Name is not null) Bind(pattern.Name, BindingKind.PatternCapture, pattern);
                    base.Visit(node);
                    return;
                default:
                    base.Visit(node);
                    return;
            }
        }

        private void VisitOptionalNode(Node? node)
        {
            if (node is not null) Visit(node);
        }

        private void LoadStringAnnotation(StringExpression text)
        {
            var value = text.Value;
            if (value.Length == 0 || value.Length > 1000) return;
            Expression parsed;
            try
            {
                parsed = Parser.ParseExpression(value.Trim());
            }
            catch (SyntaxErrorException)
            {
                return;
            }
            catch (NestingLimitException)
            {
                return;
            }

            foreach (var name in NameCollector.Names(parsed)) Load(name, text);
        }

        private void VisitComprehension(ComprehensionExpression comprehension)
        {
            // The first iterable is evaluated in the enclosing scope.
            Visit(comprehension.Generators[0].Iterable);
            Open(ScopeKind.Comprehension, comprehension);
            for (var i = 0; i < comprehension.Generators.Count; i++)
            {
                var generator = comprehension.Generators[i];
                if (i > 0) Visit(generator.Iterable);
                VisitTargets(generator.Target, BindingKind.LoopVariable);
                foreach (var condition in generator.Conditions) Visit(condition);
            }

            Visit(comprehension.Element);
            VisitOptionalNode(comprehension.Value);
            _scope = _scope.Parent!;
        }

        private void VisitStatement(Statement statement)
        {
            var savedStatement = _statement;
            _statement = statement;
            switch (statement)
            {
                case FunctionDefinition function:
                    VisitFunction(function);
                    break;
                case ClassDefinition cls:
                    VisitClass(cls);
                    break;
                case ImportStatement import:
                    foreach (var alias in import.Names) Bind(alias.BoundName, BindingKind.Import, alias);
                    break;
                case ImportFromStatement from:
                    if (from.IsStar)
                    {
                        _scope.HasStarImport = true;
                        break;
                    }

                    var kind = from.Module == "__future__" && from.Level == 0 ? BindingKind.FutureImport : BindingKind.FromImport;
                    foreach (var alias in from.Names) Bind(alias.AsName ?? alias.Name, kind, alias);
                    break;
                case AssignStatement assign:
                    Visit(assign.Value);
                    foreach (var target in assign.Targets)
                    {
                        VisitTargets(target, target is NameExpression || IsLiteralUnpacking(target, assign.Value) ? BindingKind.Assignment : BindingKind.UnpackingAssignment);
                        if (target is NameExpression { Id: "__all__" } && _scope.Kind == ScopeKind.Module) CollectAll(assign.Value, replace: true);
                    }

                    break;
                case AugmentedAssignStatement augmented:
                    Visit(augmented.Value);
                    if (augmented.Target is NameExpression targetName)
                    {
                        Load(targetName.Id, targetName);
                        if (targetName.Id == "__all__" && _scope.Kind == ScopeKind.Module) CollectAll(augmented.Value, replace: false);
                    }

                    VisitTargets(augmented.Target, BindingKind.AugmentedAssignment);
                    break;
                case AnnotatedAssignStatement annotated:
                    VisitAnnotation(annotated.Annotation);
                    // 'Alias: TypeAlias = "Bar | None"': the value is a type expression, its strings forward references.
                    if (annotated.Annotation is NameExpression { Id: "TypeAlias" } or AttributeExpression { Name: "TypeAlias" }) VisitAnnotation(annotated.Value);
                    else VisitOptionalNode(annotated.Value);
                    VisitTargets(annotated.Target, annotated.Value is null ? BindingKind.Annotation : BindingKind.Assignment);
                    if (annotated.Target is NameExpression { Id: "__all__" } && annotated.Value is not null && _scope.Kind == ScopeKind.Module)
                    {
                        CollectAll(annotated.Value, replace: true);
                    }

                    break;
                case ForStatement loop:
                    Visit(loop.Iterable);
                    VisitTargets(loop.Target, BindingKind.LoopVariable);
                    VisitBody(loop.Body);
                    VisitBody(loop.OrElse);
                    break;
                case WithStatement with:
                    foreach (var item in with.Items)
                    {
                        Visit(item.ContextExpression);
                        if (item.Target is not null) VisitTargets(item.Target, BindingKind.WithTarget);
                    }

                    var expectsRaise = with.Items.Any(i => ExpectsRaise(i.ContextExpression));
                    if (expectsRaise) _expectedRaise++;
                    VisitBody(with.Body);
                    if (expectsRaise) _expectedRaise--;
                    break;
                case TryStatement tryStatement:
                    VisitTry(tryStatement);
                    break;
                case IfStatement ifStatement:
                    Visit(ifStatement.Test);
                    var typeChecking = IsTypeCheckingTest(ifStatement.Test);
                    if (typeChecking) _typeChecking++;
                    VisitBody(ifStatement.Body);
                    if (typeChecking) _typeChecking--;
                    VisitBody(ifStatement.OrElse);
                    break;
                case GlobalStatement global:
                    foreach (var name in global.Names)
                    {
                        if (global.IsNonlocal) _scope.Nonlocals.Add(name);
                        else _scope.Globals.Add(name);
                    }

                    break;
                case DeleteStatement delete:
                    // Deleting a name reads it, as pyflakes counts it: a deleted import is not reported as unused.
                    foreach (var target in delete.Targets) Visit(target);
                    break;
                case ExpressionStatement { Value: CallExpression { Function: AttributeExpression { Value: NameExpression { Id: "__all__" }, Name: "extend" or "append" } } call }
                    when _scope.Kind == ScopeKind.Module:
                    foreach (var argument in call.Arguments) CollectAll(argument.Value, replace: false);
                    base.Visit(statement);
                    break;
                case TypeAliasStatement alias:
                    Bind(alias.Name.Id, BindingKind.TypeAlias, alias.Name);
                    Open(ScopeKind.TypeParameters, alias);
                    foreach (var parameter in alias.TypeParameters) VisitTypeParameter(parameter);
                    VisitAnnotation(alias.Value);
                    _scope = _scope.Parent!;
                    break;
                case MatchStatement match:
                    Visit(match.Subject);
                    foreach (var matchCase in match.Cases) Visit(matchCase);
                    break;
                default:
                    base.Visit(statement);
                    break;
            }

            _statement = savedStatement;
        }

        private void VisitTypeParameter(TypeParameter parameter)
        {
            Bind(parameter.Name, BindingKind.TypeParameter, parameter);
            VisitAnnotation(parameter.Bound);
            VisitAnnotation(parameter.Default);
        }

        private void VisitFunction(FunctionDefinition function)
        {
            foreach (var decorator in function.Decorators) Visit(decorator);
            foreach (var parameter in function.Parameters.Parameters) VisitOptionalNode(parameter.Default);

            // Annotations are evaluated where the function is defined: 'def f(date: date)' reads the outer 'date'.
            foreach (var parameter in function.Parameters.Parameters) VisitAnnotation(parameter.Annotation);
            VisitAnnotation(function.Returns);
            Bind(function.Name, BindingKind.Function, function);
            Open(ScopeKind.Function, function);
            foreach (var parameter in function.TypeParameters) VisitTypeParameter(parameter);
            foreach (var parameter in function.Parameters.Parameters) Bind(parameter.Name, BindingKind.Parameter, parameter);
            var (guard, typeChecking, expectedRaise, fallbackFor) = (_importGuard, _typeChecking, _expectedRaise, _fallbackFor);
            (_importGuard, _typeChecking, _expectedRaise, _fallbackFor) = (0, 0, 0, []);
            VisitBody(function.Body);
            (_importGuard, _typeChecking, _expectedRaise, _fallbackFor) = (guard, typeChecking, expectedRaise, fallbackFor);
            _scope = _scope.Parent!;
        }

        private void VisitClass(ClassDefinition cls)
        {
            foreach (var decorator in cls.Decorators) Visit(decorator);
            var typeScope = cls.TypeParameters.Count > 0;
            if (typeScope)
            {
                Open(ScopeKind.TypeParameters, cls);
                foreach (var parameter in cls.TypeParameters) VisitTypeParameter(parameter);
            }

            foreach (var argument in cls.Bases) Visit(argument);
            if (typeScope) _scope = _scope.Parent!;
            Bind(cls.Name, BindingKind.Class, cls);
            Open(ScopeKind.Class, cls);
            var (guard, typeChecking, expectedRaise, fallbackFor) = (_importGuard, _typeChecking, _expectedRaise, _fallbackFor);
            (_importGuard, _typeChecking, _expectedRaise, _fallbackFor) = (0, 0, 0, []);
            VisitBody(cls.Body);
            (_importGuard, _typeChecking, _expectedRaise, _fallbackFor) = (guard, typeChecking, expectedRaise, fallbackFor);
            _scope = _scope.Parent!;
        }

        private void VisitTry(TryStatement statement)
        {
            var guard = statement.Handlers.Any(h => CatchesImportError(h.Type));
            if (guard) _importGuard++;
            VisitBody(statement.Body);
            if (guard) _importGuard--;
            // 'except ImportError: import io as StringIO' is the fallback of the body's 'import StringIO': guarded too.
            var imported = guard ? ImportedNames(statement.Body, new HashSet<string>(StringComparer.Ordinal)) : null;
            foreach (var handler in statement.Handlers)
            {
                VisitOptionalNode(handler.Type);
                if (handler.Name is not null) Bind(handler.Name, BindingKind.ExceptionName, handler);
                var fallback = imported is { Count: > 0 } && CatchesImportError(handler.Type);
                if (fallback) _fallbackFor.Add(imported!);
                VisitBody(handler.Body);
                if (fallback) _fallbackFor.RemoveAt(_fallbackFor.Count - 1);
            }

            VisitBody(statement.OrElse);
            VisitBody(statement.Finally);
        }

        // 'a, b = 1, 2' unpacks a literal tuple: each name is a plain assignment, as pyflakes counts it.
        private static bool IsLiteralUnpacking(Expression target, Expression value) =>
            target is SequenceExpression { Kind: SequenceKind.Tuple or SequenceKind.List } targets
            && value is SequenceExpression { Kind: SequenceKind.Tuple or SequenceKind.List } values
            && targets.Elements.Count == values.Elements.Count
            && targets.Elements.All(e => e is NameExpression) && values.Elements.All(e => e is not StarredExpression);

        // The names the import statements of a block bind, in nested blocks too but not in nested definitions.
        private static HashSet<string> ImportedNames(IReadOnlyList<Statement> body, HashSet<string> into)
        {
            foreach (var statement in body)
            {
                switch (statement)
                {
                    case ImportStatement import:
                        foreach (var alias in import.Names) into.Add(alias.BoundName);
                        break;
                    case ImportFromStatement { IsStar: false } from:
                        foreach (var alias in from.Names) into.Add(alias.AsName ?? alias.Name);
                        break;
                    case IfStatement nested:
                        ImportedNames(nested.Body, into);
                        ImportedNames(nested.OrElse, into);
                        break;
                    case TryStatement nested:
                        ImportedNames(nested.Body, into);
                        ImportedNames(nested.OrElse, into);
                        break;
                    case WithStatement nested:
                        ImportedNames(nested.Body, into);
                        break;
                }
            }

            return into;
        }

        // 'with pytest.raises(E):', 'with self.assertRaises(E):', 'with raises(E):': the body is the action under test.
        private static bool ExpectsRaise(Expression context) => context is CallExpression
        {
            Function: NameExpression { Id: "raises" }
                or AttributeExpression { Name: "raises", Value: NameExpression }
                or AttributeExpression { Name: "assertRaises" or "assertRaisesRegex" or "assertRaisesRegexp" },
        };

        private static bool CatchesImportError(Expression? type) => type switch
        {
            NameExpression { Id: "ImportError" or "ModuleNotFoundError" } => true,
            AttributeExpression { Name: "ImportError" or "ModuleNotFoundError" } => true,
            SequenceExpression sequence => sequence.Elements.Any(CatchesImportError),
            _ => false,
        };

        private static bool IsTypeCheckingTest(Expression test) =>
            test is NameExpression { Id: "TYPE_CHECKING" } or AttributeExpression { Name: "TYPE_CHECKING" };

        private void CollectAll(Expression value, bool replace)
        {
            var names = new List<string>();
            CollectStrings(value, names);
            if (replace || AllNames is null) AllNames = names;
            else AllNames.AddRange(names);
            foreach (var name in names) Load(name, value);
        }

        private static void CollectStrings(Expression value, List<string> into)
        {
            switch (value)
            {
                case SequenceExpression sequence:
                    foreach (var element in sequence.Elements)
                    {
                        if (element is StringExpression { IsFString: false } text) into.Add(text.Value);
                    }

                    break;
                case BinaryExpression { Operator: "+" } binary:
                    CollectStrings(binary.Left, into);
                    CollectStrings(binary.Right, into);
                    break;
            }
        }
    }

    /// <summary>The names an expression reads.</summary>
    private sealed class NameCollector : SyntaxWalker
    {
        private readonly List<string> _names = [];

        public static List<string> Names(Expression expression)
        {
            var collector = new NameCollector();
            collector.Visit(expression);
            return collector._names;
        }

        public override void Visit(Node node)
        {
            if (node is NameExpression name) _names.Add(name.Id);
            base.Visit(node);
        }
    }
}
