namespace ReviewBot.Python.Syntax;

/// <summary>A node of the syntax tree, with its 1-based start and end positions.</summary>
public abstract class Node
{
    public int Line { get; internal set; }

    public int Column { get; internal set; }

    public int EndLine { get; internal set; }

    public int EndColumn { get; internal set; }

    /// <summary>Visits the node's children in source order.</summary>
    public abstract void VisitChildren(SyntaxWalker walker);
}

/// <summary>Walks a tree depth-first; override <see cref="Visit"/> to look at nodes, and call base to descend.</summary>
public abstract class SyntaxWalker
{
    public virtual void Visit(Node node)
    {
        // The parser bounds the tree's depth; this guards walkers when the configured limit is very high.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        node.VisitChildren(this);
    }

    public void VisitOptional(Node? node)
    {
        if (node is not null) Visit(node);
    }

    public void VisitAll<T>(IReadOnlyList<T> nodes)
        where T : Node
    {
        for (var i = 0; i < nodes.Count; i++) Visit(nodes[i]);
    }
}

/// <summary>How an expression is used: read, bound or deleted.</summary>
public enum ExpressionContext : byte
{
    Load,
    Store,
    Delete,
}

/// <summary>A parsed module: its statements and comments.</summary>
public sealed class ModuleNode(IReadOnlyList<Statement> body, IReadOnlyList<Comment> comments, int lineCount) : Node
{
    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Comment> Comments { get; } = comments;

    public int LineCount { get; } = lineCount;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Body);
}

// ---------------------------------------------------------------- expressions

public abstract class Expression : Node;

public sealed class NameExpression(string id) : Expression
{
    public string Id { get; } = id;

    public ExpressionContext Context { get; internal set; }

    public override void VisitChildren(SyntaxWalker walker)
    {
    }
}

public enum ConstantKind : byte
{
    Number,
    None,
    True,
    False,
    Ellipsis,
}

public sealed class ConstantExpression(ConstantKind kind, string text) : Expression
{
    public ConstantKind Kind { get; } = kind;

    public string Text { get; } = text;

    public override void VisitChildren(SyntaxWalker walker)
    {
    }
}

/// <summary>One or more adjacent string literals (implicit concatenation), possibly f-strings.</summary>
public sealed class StringExpression(IReadOnlyList<Token> parts, IReadOnlyList<Expression> interpolations) : Expression
{
    private string? _value;

    public IReadOnlyList<Token> Parts { get; } = parts;

    /// <summary>The expressions inside the f-string parts' replacement fields.</summary>
    public IReadOnlyList<Expression> Interpolations { get; } = interpolations;

    public bool IsFString => Parts.Any(p => StringLiterals.PrefixOf(p.Text).Contains('f', StringComparison.OrdinalIgnoreCase));

    public bool IsBytes => StringLiterals.PrefixOf(Parts[0].Text).Contains('b', StringComparison.OrdinalIgnoreCase);

    /// <summary>The literal's value with escapes decoded; replacement fields of f-strings stay as written.</summary>
    public string Value => _value ??= string.Concat(Parts.Select(p => StringLiterals.Decode(p.Text)));

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Interpolations);
}

public sealed class AttributeExpression(Expression value, string name) : Expression
{
    public Expression Value { get; } = value;

    public string Name { get; } = name;

    public ExpressionContext Context { get; internal set; }

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Value);
}

public sealed class SubscriptExpression(Expression value, Expression index) : Expression
{
    public Expression Value { get; } = value;

    public Expression Index { get; } = index;

    public ExpressionContext Context { get; internal set; }

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Value);
        walker.Visit(Index);
    }
}

public sealed class SliceExpression(Expression? lower, Expression? upper, Expression? step) : Expression
{
    public Expression? Lower { get; } = lower;

    public Expression? Upper { get; } = upper;

    public Expression? Step { get; } = step;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Lower);
        walker.VisitOptional(Upper);
        walker.VisitOptional(Step);
    }
}

/// <summary>A call argument: positional, <c>*args</c> (Stars 1), keyword, or <c>**kwargs</c> (Stars 2).</summary>
public sealed class Argument(string? name, Expression value, int stars) : Node
{
    public string? Name { get; } = name;

    public Expression Value { get; } = value;

    public int Stars { get; } = stars;

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Value);
}

public sealed class CallExpression(Expression function, IReadOnlyList<Argument> arguments) : Expression
{
    public Expression Function { get; } = function;

    public IReadOnlyList<Argument> Arguments { get; } = arguments;

    public IEnumerable<Expression> Positional => Arguments.Where(a => a.Name is null && a.Stars == 0).Select(a => a.Value);

    public Expression? Keyword(string name) => Arguments.FirstOrDefault(a => a.Name == name)?.Value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Function);
        walker.VisitAll(Arguments);
    }
}

public sealed class BinaryExpression(Expression left, string op, Expression right) : Expression
{
    public Expression Left { get; } = left;

    public string Operator { get; } = op;

    public Expression Right { get; } = right;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Left);
        walker.Visit(Right);
    }
}

public sealed class UnaryExpression(string op, Expression operand) : Expression
{
    public string Operator { get; } = op;

    public Expression Operand { get; } = operand;

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Operand);
}

/// <summary><c>and</c> / <c>or</c> over two or more values.</summary>
public sealed class BoolOpExpression(string op, IReadOnlyList<Expression> values) : Expression
{
    public string Operator { get; } = op;

    public IReadOnlyList<Expression> Values { get; } = values;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Values);
}

/// <summary>A comparison chain; operators are <c>==</c>, <c>in</c>, <c>not in</c>, <c>is not</c> and so on.</summary>
public sealed class CompareExpression(Expression left, IReadOnlyList<string> operators, IReadOnlyList<Expression> comparators) : Expression
{
    public Expression Left { get; } = left;

    public IReadOnlyList<string> Operators { get; } = operators;

    public IReadOnlyList<Expression> Comparators { get; } = comparators;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Left);
        walker.VisitAll(Comparators);
    }
}

public sealed class ConditionalExpression(Expression body, Expression test, Expression orElse) : Expression
{
    public Expression Body { get; } = body;

    public Expression Test { get; } = test;

    public Expression OrElse { get; } = orElse;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Test);
        walker.Visit(Body);
        walker.Visit(OrElse);
    }
}

public sealed class LambdaExpression(ParameterList parameters, Expression body) : Expression
{
    public ParameterList Parameters { get; } = parameters;

    public Expression Body { get; } = body;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Parameters);
        walker.Visit(Body);
    }
}

/// <summary>The walrus, <c>(name := value)</c>.</summary>
public sealed class NamedExpression(NameExpression target, Expression value) : Expression
{
    public NameExpression Target { get; } = target;

    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Value);
        walker.Visit(Target);
    }
}

public sealed class AwaitExpression(Expression value) : Expression
{
    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Value);
}

public sealed class YieldExpression(Expression? value, bool isFrom) : Expression
{
    public Expression? Value { get; } = value;

    public bool IsFrom { get; } = isFrom;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitOptional(Value);
}

public sealed class StarredExpression(Expression value) : Expression
{
    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Value);
}

public enum SequenceKind : byte
{
    Tuple,
    List,
    Set,
}

public sealed class SequenceExpression(SequenceKind kind, IReadOnlyList<Expression> elements) : Expression
{
    public SequenceKind Kind { get; } = kind;

    public IReadOnlyList<Expression> Elements { get; } = elements;

    public ExpressionContext Context { get; internal set; }

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Elements);
}

/// <summary>A dict display; a null key marks <c>**mapping</c>.</summary>
public sealed class DictExpression(IReadOnlyList<Expression?> keys, IReadOnlyList<Expression> values) : Expression
{
    public IReadOnlyList<Expression?> Keys { get; } = keys;

    public IReadOnlyList<Expression> Values { get; } = values;

    public override void VisitChildren(SyntaxWalker walker)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            walker.VisitOptional(Keys[i]);
            walker.Visit(Values[i]);
        }
    }
}

public sealed class ComprehensionFor(Expression target, Expression iterable, IReadOnlyList<Expression> conditions, bool isAsync) : Node
{
    public Expression Target { get; } = target;

    public Expression Iterable { get; } = iterable;

    public IReadOnlyList<Expression> Conditions { get; } = conditions;

    public bool IsAsync { get; } = isAsync;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Iterable);
        walker.Visit(Target);
        walker.VisitAll(Conditions);
    }
}

public enum ComprehensionKind : byte
{
    List,
    Set,
    Dict,
    Generator,
}

/// <summary>A list, set, dict comprehension or generator expression; <see cref="Value"/> is the dict value.</summary>
public sealed class ComprehensionExpression(
    ComprehensionKind kind, Expression element, Expression? value, IReadOnlyList<ComprehensionFor> generators) : Expression
{
    public ComprehensionKind Kind { get; } = kind;

    public Expression Element { get; } = element;

    public Expression? Value { get; } = value;

    public IReadOnlyList<ComprehensionFor> Generators { get; } = generators;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitAll(Generators);
        walker.Visit(Element);
        walker.VisitOptional(Value);
    }
}

// ---------------------------------------------------------------- parameters

public enum ParameterKind : byte
{
    Normal,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}

public sealed class Parameter(string name, ParameterKind kind, Expression? annotation, Expression? defaultValue) : Node
{
    public string Name { get; } = name;

    public ParameterKind Kind { get; } = kind;

    public Expression? Annotation { get; } = annotation;

    public Expression? Default { get; } = defaultValue;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Annotation);
        walker.VisitOptional(Default);
    }
}

public sealed class ParameterList(IReadOnlyList<Parameter> parameters) : Node
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Parameters);
}

/// <summary>A PEP 695 type parameter: <c>T</c>, <c>*Ts</c> (Stars 1), <c>**P</c> (Stars 2), with bound and default.</summary>
public sealed class TypeParameter(string name, int stars, Expression? bound, Expression? defaultValue) : Node
{
    public string Name { get; } = name;

    public int Stars { get; } = stars;

    public Expression? Bound { get; } = bound;

    public Expression? Default { get; } = defaultValue;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Bound);
        walker.VisitOptional(Default);
    }
}

// ---------------------------------------------------------------- statements

public abstract class Statement : Node;

public sealed class FunctionDefinition(
    string name,
    IReadOnlyList<Expression> decorators,
    IReadOnlyList<TypeParameter> typeParameters,
    ParameterList parameters,
    Expression? returns,
    IReadOnlyList<Statement> body,
    bool isAsync) : Statement
{
    public string Name { get; } = name;

    public int NameColumn { get; internal set; }

    public IReadOnlyList<Expression> Decorators { get; } = decorators;

    public IReadOnlyList<TypeParameter> TypeParameters { get; } = typeParameters;

    public ParameterList Parameters { get; } = parameters;

    public Expression? Returns { get; } = returns;

    public IReadOnlyList<Statement> Body { get; } = body;

    public bool IsAsync { get; } = isAsync;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitAll(Decorators);
        walker.VisitAll(TypeParameters);
        walker.Visit(Parameters);
        walker.VisitOptional(Returns);
        walker.VisitAll(Body);
    }
}

public sealed class ClassDefinition(
    string name,
    IReadOnlyList<Expression> decorators,
    IReadOnlyList<TypeParameter> typeParameters,
    IReadOnlyList<Argument> bases,
    IReadOnlyList<Statement> body) : Statement
{
    public string Name { get; } = name;

    public int NameColumn { get; internal set; }

    public IReadOnlyList<Expression> Decorators { get; } = decorators;

    public IReadOnlyList<TypeParameter> TypeParameters { get; } = typeParameters;

    /// <summary>Base classes and keywords (<c>metaclass=...</c>), as call arguments.</summary>
    public IReadOnlyList<Argument> Bases { get; } = bases;

    public IReadOnlyList<Statement> Body { get; } = body;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitAll(Decorators);
        walker.VisitAll(TypeParameters);
        walker.VisitAll(Bases);
        walker.VisitAll(Body);
    }
}

public sealed class ReturnStatement(Expression? value) : Statement
{
    public Expression? Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitOptional(Value);
}

public sealed class DeleteStatement(IReadOnlyList<Expression> targets) : Statement
{
    public IReadOnlyList<Expression> Targets { get; } = targets;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Targets);
}

/// <summary><c>a = b = value</c>: one or more targets.</summary>
public sealed class AssignStatement(IReadOnlyList<Expression> targets, Expression value) : Statement
{
    public IReadOnlyList<Expression> Targets { get; } = targets;

    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Value);
        walker.VisitAll(Targets);
    }
}

public sealed class AugmentedAssignStatement(Expression target, string op, Expression value) : Statement
{
    public Expression Target { get; } = target;

    public string Operator { get; } = op;

    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Value);
        walker.Visit(Target);
    }
}

public sealed class AnnotatedAssignStatement(Expression target, Expression annotation, Expression? value) : Statement
{
    public Expression Target { get; } = target;

    public Expression Annotation { get; } = annotation;

    public Expression? Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Annotation);
        walker.VisitOptional(Value);
        walker.Visit(Target);
    }
}

public sealed class TypeAliasStatement(NameExpression name, IReadOnlyList<TypeParameter> typeParameters, Expression value) : Statement
{
    public NameExpression Name { get; } = name;

    public IReadOnlyList<TypeParameter> TypeParameters { get; } = typeParameters;

    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Name);
        walker.VisitAll(TypeParameters);
        walker.Visit(Value);
    }
}

public sealed class ForStatement(Expression target, Expression iterable, IReadOnlyList<Statement> body, IReadOnlyList<Statement> orElse, bool isAsync)
    : Statement
{
    public Expression Target { get; } = target;

    public Expression Iterable { get; } = iterable;

    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Statement> OrElse { get; } = orElse;

    public bool IsAsync { get; } = isAsync;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Iterable);
        walker.Visit(Target);
        walker.VisitAll(Body);
        walker.VisitAll(OrElse);
    }
}

public sealed class WhileStatement(Expression test, IReadOnlyList<Statement> body, IReadOnlyList<Statement> orElse) : Statement
{
    public Expression Test { get; } = test;

    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Statement> OrElse { get; } = orElse;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Test);
        walker.VisitAll(Body);
        walker.VisitAll(OrElse);
    }
}

/// <summary><c>if</c>; an <c>elif</c> is an <see cref="IfStatement"/> alone in <see cref="OrElse"/> with <see cref="IsElif"/>.</summary>
public sealed class IfStatement(Expression test, IReadOnlyList<Statement> body, IReadOnlyList<Statement> orElse, bool isElif) : Statement
{
    public Expression Test { get; } = test;

    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Statement> OrElse { get; } = orElse;

    public bool IsElif { get; } = isElif;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Test);
        walker.VisitAll(Body);
        walker.VisitAll(OrElse);
    }
}

public sealed class WithItem(Expression contextExpression, Expression? target) : Node
{
    public Expression ContextExpression { get; } = contextExpression;

    public Expression? Target { get; } = target;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(ContextExpression);
        walker.VisitOptional(Target);
    }
}

public sealed class WithStatement(IReadOnlyList<WithItem> items, IReadOnlyList<Statement> body, bool isAsync) : Statement
{
    public IReadOnlyList<WithItem> Items { get; } = items;

    public IReadOnlyList<Statement> Body { get; } = body;

    public bool IsAsync { get; } = isAsync;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitAll(Items);
        walker.VisitAll(Body);
    }
}

public sealed class RaiseStatement(Expression? exception, Expression? cause) : Statement
{
    public Expression? Exception { get; } = exception;

    public Expression? Cause { get; } = cause;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Exception);
        walker.VisitOptional(Cause);
    }
}

public sealed class ExceptHandler(Expression? type, string? name, IReadOnlyList<Statement> body) : Node
{
    public Expression? Type { get; } = type;

    public string? Name { get; } = name;

    public IReadOnlyList<Statement> Body { get; } = body;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Type);
        walker.VisitAll(Body);
    }
}

public sealed class TryStatement(
    IReadOnlyList<Statement> body,
    IReadOnlyList<ExceptHandler> handlers,
    IReadOnlyList<Statement> orElse,
    IReadOnlyList<Statement> finallyBody,
    bool isStar) : Statement
{
    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<ExceptHandler> Handlers { get; } = handlers;

    public IReadOnlyList<Statement> OrElse { get; } = orElse;

    public IReadOnlyList<Statement> Finally { get; } = finallyBody;

    public bool IsStar { get; } = isStar;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitAll(Body);
        walker.VisitAll(Handlers);
        walker.VisitAll(OrElse);
        walker.VisitAll(Finally);
    }
}

public sealed class AssertStatement(Expression test, Expression? message) : Statement
{
    public Expression Test { get; } = test;

    public Expression? Message { get; } = message;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Test);
        walker.VisitOptional(Message);
    }
}

/// <summary>One imported name: <c>a.b as c</c>.</summary>
public sealed class ImportAlias(string name, string? asName) : Node
{
    public string Name { get; } = name;

    public string? AsName { get; } = asName;

    /// <summary>The name the import binds: the alias, or for <c>import a.b</c> the first component.</summary>
    public string BoundName => AsName ?? (Name.Contains('.') ? Name[..Name.IndexOf('.')] : Name);

    public override void VisitChildren(SyntaxWalker walker)
    {
    }
}

public sealed class ImportStatement(IReadOnlyList<ImportAlias> names) : Statement
{
    public IReadOnlyList<ImportAlias> Names { get; } = names;

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Names);
}

public sealed class ImportFromStatement(string? module, int level, IReadOnlyList<ImportAlias> names) : Statement
{
    public string? Module { get; } = module;

    public int Level { get; } = level;

    public IReadOnlyList<ImportAlias> Names { get; } = names;

    public bool IsStar => Names.Count == 1 && Names[0].Name == "*";

    public override void VisitChildren(SyntaxWalker walker) => walker.VisitAll(Names);
}

/// <summary><c>global</c> or <c>nonlocal</c>.</summary>
public sealed class GlobalStatement(IReadOnlyList<string> names, bool isNonlocal) : Statement
{
    public IReadOnlyList<string> Names { get; } = names;

    public bool IsNonlocal { get; } = isNonlocal;

    public override void VisitChildren(SyntaxWalker walker)
    {
    }
}

public sealed class ExpressionStatement(Expression value) : Statement
{
    public Expression Value { get; } = value;

    public override void VisitChildren(SyntaxWalker walker) => walker.Visit(Value);
}

/// <summary><c>pass</c>, <c>break</c> or <c>continue</c>.</summary>
public sealed class KeywordStatement(string keyword) : Statement
{
    public string Keyword { get; } = keyword;

    public override void VisitChildren(SyntaxWalker walker)
    {
    }
}

public sealed class MatchCase(Pattern pattern, Expression? guard, IReadOnlyList<Statement> body) : Node
{
    public Pattern Pattern { get; } = pattern;

    public Expression? Guard { get; } = guard;

    public IReadOnlyList<Statement> Body { get; } = body;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Pattern);
        walker.VisitOptional(Guard);
        walker.VisitAll(Body);
    }
}

public sealed class MatchStatement(Expression subject, IReadOnlyList<MatchCase> cases) : Statement
{
    public Expression Subject { get; } = subject;

    public IReadOnlyList<MatchCase> Cases { get; } = cases;

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.Visit(Subject);
        walker.VisitAll(Cases);
    }
}

// ---------------------------------------------------------------- patterns

public enum PatternKind : byte
{
    /// <summary>A literal or dotted value; <see cref="Pattern.Value"/> holds it.</summary>
    Value,

    /// <summary><c>pattern as name</c>, a capture <c>name</c>, or the wildcard <c>_</c> (no name, no sub-pattern).</summary>
    As,

    Or,
    Sequence,

    /// <summary><c>*name</c> in a sequence pattern.</summary>
    Star,

    /// <summary><c>{key: pattern, **rest}</c>: <see cref="Pattern.Keys"/> pair with <see cref="Pattern.Patterns"/>.</summary>
    Mapping,

    /// <summary><c>Cls(p, kw=p)</c>: <see cref="Pattern.Value"/> is the class.</summary>
    Class,
}

public sealed class Pattern(PatternKind kind) : Node
{
    public PatternKind Kind { get; } = kind;

    public Expression? Value { get; init; }

    /// <summary>The name the pattern binds, if any (capture, <c>as</c>, <c>*rest</c>, <c>**rest</c>).</summary>
    public string? Name { get; init; }

    public IReadOnlyList<Pattern> Patterns { get; init; } = [];

    public IReadOnlyList<Expression> Keys { get; init; } = [];

    public IReadOnlyList<string> KeywordNames { get; init; } = [];

    public override void VisitChildren(SyntaxWalker walker)
    {
        walker.VisitOptional(Value);
        walker.VisitAll(Keys);
        walker.VisitAll(Patterns);
    }
}
