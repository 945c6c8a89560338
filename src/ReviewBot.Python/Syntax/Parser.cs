using System.Runtime.CompilerServices;

namespace ReviewBot.Python.Syntax;

/// <summary>
/// A recursive-descent parser for Python 3.12 into <see cref="Node"/>s. Recursion is bounded by the nesting limit
/// (a <see cref="NestingLimitException"/>) and by the thread's stack (<see cref="InsufficientExecutionStackException"/>),
/// so hostile input cannot overflow the stack. Invalid input throws <see cref="SyntaxErrorException"/>.
/// </summary>
public sealed class Parser
{
    private static readonly HashSet<string> HardKeywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    private static readonly HashSet<string> AugmentedOperators =
        ["+=", "-=", "*=", "@=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**=", "//="];

    private readonly string _source;
    private readonly Token[] _tokens;
    private readonly int _count;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    private Parser(string source, TokenBuffer tokens, int maxDepth, int depth)
    {
        _source = source;
        _tokens = tokens.Items;
        _count = tokens.Count;
        _maxDepth = maxDepth;
        _depth = depth;
    }

    /// <summary>Parses a module. Throws <see cref="SyntaxErrorException"/> or <see cref="NestingLimitException"/>.</summary>
    public static ModuleNode ParseModule(string source, int maxDepth = 200)
    {
        var (tokens, comments, lexicalError) = Tokenizer.TokenizeUpToError(source);
        var parser = new Parser(source, tokens, maxDepth, 0);
        if (lexicalError is null) return parser.ParseBody(comments);
        try
        {
            parser.ParseBody(comments);
        }
        catch (SyntaxErrorException) when (parser.Current.Kind == TokenKind.EndOfFile)
        {
            // The parser ran into the end of the readable tokens: the lexical error is the real one. An error before
            // that point is the parser's and propagates, as CPython reports it first.
        }

        throw lexicalError;
    }

    private ModuleNode ParseBody(List<Comment> comments)
    {
        var body = new List<Statement>();
        while (Current.Kind != TokenKind.EndOfFile)
        {
            if (Current.Kind == TokenKind.Newline)
            {
                _pos++;
                continue;
            }

            if (Current.Kind == TokenKind.Indent) throw Error("unexpected indent");
            ParseStatement(body);
        }

        var last = _tokens[_count - 1];
        return new ModuleNode(body, comments, last.Column == 1 ? last.Line - 1 : last.Line)
        {
            Line = 1,
            Column = 1,
            EndLine = last.Line,
            EndColumn = last.Column,
        };
    }

    /// <summary>
    /// Parses <paramref name="text"/> as one expression (a string annotation). Positions are those of the text itself;
    /// throws <see cref="SyntaxErrorException"/> when it is not an expression.
    /// </summary>
    public static Expression ParseExpression(string text, int maxDepth = 200)
    {
        var tokens = Tokenizer.TokenizeExpression(text, new FStringSpan(0, text.Length, 1, 0));
        var parser = new Parser(text, tokens, maxDepth, 0);
        var expression = parser.ParseStarExpressions();
        if (parser.Current.Kind != TokenKind.EndOfFile) throw parser.Error("invalid syntax");
        return expression;
    }

    private ref readonly Token Current => ref _tokens[_pos];

    private ref readonly Token Peek(int n = 1) => ref _tokens[Math.Min(_pos + n, _count - 1)];

    // The last significant token consumed: NEWLINE, INDENT and DEDENT do not end a node.
    private Token Previous
    {
        get
        {
            var i = Math.Max(0, _pos - 1);
            while (i > 0 && _tokens[i].Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent) i--;
            return _tokens[i];
        }
    }

    private bool AtOp(string op) => Current.Kind == TokenKind.Operator && Current.Text == op;

    private bool AtKeyword(string keyword) => Current.Kind == TokenKind.Name && Current.Text == keyword;

    private SyntaxErrorException Error(string message) => new(message, Current.Line, Current.Column);

    private SyntaxErrorException Error(string message, Node at) => new(message, at.Line, at.Column);

    private ref readonly Token Advance() => ref _tokens[_pos++];

    private bool AcceptOp(string op)
    {
        if (!AtOp(op)) return false;
        _pos++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!AtKeyword(keyword)) return false;
        _pos++;
        return true;
    }

    private void ExpectOp(string op)
    {
        if (!AcceptOp(op)) throw Error(Current.Kind == TokenKind.EndOfFile ? "unexpected EOF while parsing" : $"expected '{op}'");
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword)) throw Error($"expected '{keyword}'");
    }

    private void Expect(TokenKind kind)
    {
        if (Current.Kind != kind) throw Error("invalid syntax");
        _pos++;
    }

    private Token ExpectIdentifier()
    {
        if (Current.Kind != TokenKind.Name || HardKeywords.Contains(Current.Text)) throw Error("invalid syntax");
        return Advance();
    }

    private T Finish<T>(T node, Token start)
        where T : Node
    {
        var end = Previous;
        node.Line = start.Line;
        node.Column = start.Column;
        node.EndLine = end.EndLine;
        node.EndColumn = end.EndColumn;
        return node;
    }

    private T FinishFrom<T>(T node, Node start)
        where T : Node
    {
        var end = Previous;
        node.Line = start.Line;
        node.Column = start.Column;
        node.EndLine = end.EndLine;
        node.EndColumn = end.EndColumn;
        return node;
    }

    private void Enter()
    {
        if (++_depth > _maxDepth) throw new NestingLimitException(Current.Line, _maxDepth);
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _depth--;

    // ------------------------------------------------------------ statements

    private void ParseStatement(List<Statement> into)
    {
        var token = Current;
        if (token.Kind == TokenKind.Name)
        {
            switch (token.Text)
            {
                case "def":
                    into.Add(ParseFunction([], token, isAsync: false));
                    return;
                case "class":
                    into.Add(ParseClass([], token));
                    return;
                case "if":
                    into.Add(ParseIf(isElif: false));
                    return;
                case "while":
                    into.Add(ParseWhile());
                    return;
                case "for":
                    into.Add(ParseFor(token, isAsync: false));
                    return;
                case "try":
                    into.Add(ParseTry());
                    return;
                case "with":
                    into.Add(ParseWith(token, isAsync: false));
                    return;
                case "async":
                    into.Add(ParseAsync(token, []));
                    return;
                case "match":
                    if (TryParseMatch(out var match))
                    {
                        into.Add(match);
                        return;
                    }

                    break;
            }
        }
        else if (token.Is("@"))
        {
            into.Add(ParseDecorated());
            return;
        }

        ParseSimpleStatements(into);
    }

    private Statement ParseAsync(Token start, List<Expression> decorators)
    {
        _pos++;
        if (AtKeyword("def")) return ParseFunction(decorators, start, isAsync: true);
        if (decorators.Count == 0 && AtKeyword("for")) return ParseFor(start, isAsync: true);
        if (decorators.Count == 0 && AtKeyword("with")) return ParseWith(start, isAsync: true);
        throw Error("invalid syntax");
    }

    private Statement ParseDecorated()
    {
        var decorators = new List<Expression>();
        while (AtOp("@"))
        {
            _pos++;
            decorators.Add(ParseNamedExpression());
            Expect(TokenKind.Newline);
        }

        var start = Current;
        if (AtKeyword("def")) return ParseFunction(decorators, start, isAsync: false);
        if (AtKeyword("class")) return ParseClass(decorators, start);
        if (AtKeyword("async")) return ParseAsync(start, decorators);
        throw Error("invalid syntax");
    }

    private List<Statement> ParseBlock()
    {
        ExpectOp(":");
        var body = new List<Statement>();
        if (Current.Kind != TokenKind.Newline)
        {
            ParseSimpleStatements(body);
            return body;
        }

        _pos++;
        if (Current.Kind != TokenKind.Indent) throw Error("expected an indented block");
        _pos++;
        Enter();
        while (Current.Kind != TokenKind.Dedent && Current.Kind != TokenKind.EndOfFile)
        {
            if (Current.Kind == TokenKind.Indent) throw Error("unexpected indent");
            ParseStatement(body);
        }

        Leave();
        if (Current.Kind == TokenKind.Dedent) _pos++;
        return body;
    }

    private void ParseSimpleStatements(List<Statement> into)
    {
        while (true)
        {
            into.Add(ParseSmallStatement());
            if (!AcceptOp(";")) break;
            if (Current.Kind == TokenKind.Newline) break;
        }

        if (Current.Kind != TokenKind.Newline) throw Error("invalid syntax");
        _pos++;
    }

    private Statement ParseSmallStatement()
    {
        var start = Current;
        if (start.Kind == TokenKind.Name)
        {
            switch (start.Text)
            {
                case "pass" or "break" or "continue":
                    _pos++;
                    return Finish(new KeywordStatement(start.Text), start);
                case "return":
                    _pos++;
                    return Finish(new ReturnStatement(AtExpressionStart() ? ParseStarExpressions() : null), start);
                case "raise":
                    {
                        _pos++;
                        Expression? exception = null, cause = null;
                        if (AtExpressionStart())
                        {
                            exception = ParseTest();
                            if (AcceptKeyword("from")) cause = ParseTest();
                        }

                        return Finish(new RaiseStatement(exception, cause), start);
                    }

                case "global" or "nonlocal":
                    {
                        _pos++;
                        var names = new List<string> { ExpectIdentifier().Text };
                        while (AcceptOp(",")) names.Add(ExpectIdentifier().Text);
                        return Finish(new GlobalStatement(names, start.Text == "nonlocal"), start);
                    }

                case "del":
                    {
                        _pos++;
                        var targets = new List<Expression>();
                        do
                        {
                            if (!AtExpressionStart()) break;
                            var target = ParseBinary(0);
                            SetContext(target, ExpressionContext.Delete);
                            targets.Add(target);
                        }
                        while (AcceptOp(","));
                        if (targets.Count == 0) throw Error("invalid syntax");
                        return Finish(new DeleteStatement(targets), start);
                    }

                case "assert":
                    {
                        _pos++;
                        var test = ParseTest();
                        var message = AcceptOp(",") ? ParseTest() : null;
                        return Finish(new AssertStatement(test, message), start);
                    }

                case "import":
                    return ParseImport(start);
                case "from":
                    return ParseFromImport(start);
                case "type":
                    if (Peek().Kind == TokenKind.Name && (Peek(2).Is("=") || Peek(2).Is("[")))
                    {
                        _pos++;
                        var nameToken = ExpectIdentifier();
                        var name = Finish(new NameExpression(nameToken.Text) { Context = ExpressionContext.Store }, nameToken);
                        var typeParameters = AtOp("[") ? ParseTypeParameters() : [];
                        ExpectOp("=");
                        var value = ParseTest();
                        return Finish(new TypeAliasStatement(name, typeParameters, value), start);
                    }

                    break;
            }
        }

        var first = ParseStarExpressionsOrYield();
        if (AtOp("="))
        {
            var targets = new List<Expression> { first };
            Expression value = first;
            while (AcceptOp("="))
            {
                value = ParseStarExpressionsOrYield();
                if (AtOp("=")) targets.Add(value);
            }

            foreach (var target in targets) SetContext(target, ExpressionContext.Store);
            return Finish(new AssignStatement(targets, value), start);
        }

        if (AtOp(":"))
        {
            if (first is not (NameExpression or AttributeExpression or SubscriptExpression)) throw Error("illegal target for annotation", first);
            _pos++;
            SetContext(first, ExpressionContext.Store);
            var annotation = ParseTest();
            var value = AcceptOp("=") ? ParseStarExpressionsOrYield() : null;
            return Finish(new AnnotatedAssignStatement(first, annotation, value), start);
        }

        if (Current.Kind == TokenKind.Operator && AugmentedOperators.Contains(Current.Text))
        {
            if (first is not (NameExpression or AttributeExpression or SubscriptExpression))
            {
                throw Error("'" + Describe(first) + "' is an illegal expression for augmented assignment", first);
            }

            var op = Advance().Text;
            SetContext(first, ExpressionContext.Store);
            var value = ParseStarExpressionsOrYield();
            return Finish(new AugmentedAssignStatement(first, op, value), start);
        }

        return Finish(new ExpressionStatement(first), start);
    }

    private static string Describe(Expression expression) => expression switch
    {
        CallExpression => "function call",
        ConstantExpression or StringExpression => "literal",
        SequenceExpression { Kind: SequenceKind.Tuple } => "tuple",
        SequenceExpression { Kind: SequenceKind.List } => "list",
        _ => "expression",
    };

    private void SetContext(Expression target, ExpressionContext context)
    {
        switch (target)
        {
            case NameExpression name:
                if (name.Id is "None" or "True" or "False" or "__debug__" && context == ExpressionContext.Store)
                {
                    throw Error($"cannot assign to {name.Id}", name);
                }

                name.Context = context;
                break;
            case AttributeExpression attribute:
                attribute.Context = context;
                break;
            case SubscriptExpression subscript:
                subscript.Context = context;
                break;
            case SequenceExpression { Kind: SequenceKind.Tuple or SequenceKind.List } sequence:
                sequence.Context = context;
                foreach (var element in sequence.Elements) SetContext(element, context);
                break;
            case StarredExpression starred when context == ExpressionContext.Store:
                SetContext(starred.Value, context);
                break;
            default:
                throw Error($"cannot {(context == ExpressionContext.Delete ? "delete" : "assign to")} {Describe(target)}", target);
        }
    }

    private string ParseDottedName()
    {
        var name = ExpectIdentifier().Text;
        while (AtOp(".") && Peek().Kind == TokenKind.Name)
        {
            _pos++;
            name += "." + ExpectIdentifier().Text;
        }

        return name;
    }

    private Statement ParseImport(Token start)
    {
        _pos++;
        var names = new List<ImportAlias>();
        do
        {
            var aliasStart = Current;
            var name = ParseDottedName();
            var asName = AcceptKeyword("as") ? ExpectIdentifier().Text : null;
            names.Add(Finish(new ImportAlias(name, asName), aliasStart));
        }
        while (AcceptOp(","));
        return Finish(new ImportStatement(names), start);
    }

    private Statement ParseFromImport(Token start)
    {
        _pos++;
        var level = 0;
        while (AtOp(".") || AtOp("..."))
        {
            level += Advance().Text.Length;
        }

        string? module = null;
        if (!AtKeyword("import")) module = ParseDottedName();
        else if (level == 0) throw Error("invalid syntax");
        ExpectKeyword("import");
        var names = new List<ImportAlias>();
        if (AtOp("*"))
        {
            var star = Advance();
            names.Add(Finish(new ImportAlias("*", null), star));
            return Finish(new ImportFromStatement(module, level, names), start);
        }

        var parenthesized = AcceptOp("(");
        do
        {
            if (parenthesized && AtOp(")")) break;
            var aliasStart = Current;
            var name = ExpectIdentifier().Text;
            var asName = AcceptKeyword("as") ? ExpectIdentifier().Text : null;
            names.Add(Finish(new ImportAlias(name, asName), aliasStart));
        }
        while (AcceptOp(","));
        if (parenthesized) ExpectOp(")");
        if (names.Count == 0) throw Error("invalid syntax");
        return Finish(new ImportFromStatement(module, level, names), start);
    }

    private FunctionDefinition ParseFunction(List<Expression> decorators, Token start, bool isAsync)
    {
        ExpectKeyword("def");
        var nameToken = ExpectIdentifier();
        var typeParameters = AtOp("[") ? ParseTypeParameters() : [];
        var parametersStart = Current;
        ExpectOp("(");
        var parameters = ParseParameters(")", allowAnnotations: true, parametersStart);
        ExpectOp(")");
        var returns = AcceptOp("->") ? ParseTest() : null;
        var body = ParseBlock();
        var function = new FunctionDefinition(nameToken.Text, decorators, typeParameters, parameters, returns, body, isAsync)
        {
            NameColumn = nameToken.Column,
        };
        return Finish(function, start);
    }

    private ClassDefinition ParseClass(List<Expression> decorators, Token start)
    {
        ExpectKeyword("class");
        var nameToken = ExpectIdentifier();
        var typeParameters = AtOp("[") ? ParseTypeParameters() : [];
        IReadOnlyList<Argument> bases = [];
        if (AcceptOp("("))
        {
            bases = ParseArguments();
            ExpectOp(")");
        }

        var body = ParseBlock();
        return Finish(new ClassDefinition(nameToken.Text, decorators, typeParameters, bases, body) { NameColumn = nameToken.Column }, start);
    }

    private List<TypeParameter> ParseTypeParameters()
    {
        ExpectOp("[");
        var result = new List<TypeParameter>();
        while (!AtOp("]"))
        {
            var start = Current;
            var stars = AcceptOp("*") ? 1 : AcceptOp("**") ? 2 : 0;
            var name = ExpectIdentifier().Text;
            var bound = stars == 0 && AcceptOp(":") ? ParseTest() : null;
            var defaultValue = AcceptOp("=") ? (AtOp("*") ? ParseStarExpression() : ParseTest()) : null;
            result.Add(Finish(new TypeParameter(name, stars, bound, defaultValue), start));
            if (!AcceptOp(",")) break;
        }

        ExpectOp("]");
        if (result.Count == 0) throw Error("Type parameter list cannot be empty");
        return result;
    }

    private ParameterList ParseParameters(string closing, bool allowAnnotations, Token start)
    {
        var parameters = new List<Parameter>();
        var keywordOnly = false;
        while (!AtOp(closing))
        {
            var parameterStart = Current;
            if (AcceptOp("/"))
            {
                if (!AcceptOp(",")) break;
                continue;
            }

            if (AcceptOp("*"))
            {
                keywordOnly = true;
                if (Current.Kind == TokenKind.Name)
                {
                    var name = ExpectIdentifier().Text;
                    Expression? annotation = null;
                    if (allowAnnotations && AcceptOp(":")) annotation = AtOp("*") ? ParseStarExpression() : ParseTest();
                    parameters.Add(Finish(new Parameter(name, ParameterKind.VarPositional, annotation, null), parameterStart));
                }
            }
            else if (AcceptOp("**"))
            {
                var name = ExpectIdentifier().Text;
                var annotation = allowAnnotations && AcceptOp(":") ? ParseTest() : null;
                parameters.Add(Finish(new Parameter(name, ParameterKind.VarKeyword, annotation, null), parameterStart));
            }
            else
            {
                var name = ExpectIdentifier().Text;
                var annotation = allowAnnotations && AcceptOp(":") ? ParseTest() : null;
                var defaultValue = AcceptOp("=") ? ParseTest() : null;
                var kind = keywordOnly ? ParameterKind.KeywordOnly : ParameterKind.Normal;
                parameters.Add(Finish(new Parameter(name, kind, annotation, defaultValue), parameterStart));
            }

            if (!AcceptOp(",")) break;
        }

        return Finish(new ParameterList(parameters), start);
    }

    private IfStatement ParseIf(bool isElif)
    {
        var start = Advance();
        var test = ParseNamedExpression();
        var body = ParseBlock();
        IReadOnlyList<Statement> orElse = [];
        if (AtKeyword("elif"))
        {
            // An elif is an if nested in the else branch.
            Enter();
            orElse = [ParseIf(isElif: true)];
            Leave();
        }
        else if (AtKeyword("else"))
        {
            _pos++;
            orElse = ParseBlock();
        }

        return Finish(new IfStatement(test, body, orElse, isElif), start);
    }

    private WhileStatement ParseWhile()
    {
        var start = Advance();
        var test = ParseNamedExpression();
        var body = ParseBlock();
        var orElse = AcceptKeyword("else") ? ParseBlock() : [];
        return Finish(new WhileStatement(test, body, orElse), start);
    }

    private ForStatement ParseFor(Token start, bool isAsync)
    {
        ExpectKeyword("for");
        var target = ParseTargetList();
        ExpectKeyword("in");
        var iterable = ParseStarExpressions();
        var body = ParseBlock();
        var orElse = AcceptKeyword("else") ? ParseBlock() : [];
        return Finish(new ForStatement(target, iterable, body, orElse, isAsync), start);
    }

    private TryStatement ParseTry()
    {
        var start = Advance();
        var body = ParseBlock();
        var handlers = new List<ExceptHandler>();
        var isStar = false;
        while (AtKeyword("except"))
        {
            var handlerStart = Advance();
            if (AcceptOp("*")) isStar = true;
            Expression? type = null;
            string? name = null;
            if (!AtOp(":"))
            {
                type = ParseTest();
                if (AtOp(","))
                {
                    var elements = new List<Expression> { type };
                    while (AcceptOp(",") && !AtOp(":") && !AtKeyword("as")) elements.Add(ParseTest());
                    type = FinishFrom(new SequenceExpression(SequenceKind.Tuple, elements), type);
                }

                if (AcceptKeyword("as")) name = ExpectIdentifier().Text;
            }

            var handlerBody = ParseBlock();
            handlers.Add(Finish(new ExceptHandler(type, name, handlerBody), handlerStart));
        }

        var orElse = handlers.Count > 0 && AcceptKeyword("else") ? ParseBlock() : [];
        var finallyBody = AcceptKeyword("finally") ? ParseBlock() : [];
        if (handlers.Count == 0 && finallyBody.Count == 0) throw Error("expected 'except' or 'finally' block");
        return Finish(new TryStatement(body, handlers, orElse, finallyBody, isStar), start);
    }

    private WithStatement ParseWith(Token start, bool isAsync)
    {
        ExpectKeyword("with");
        List<WithItem>? items = null;
        if (AtOp("("))
        {
            // Parenthesized context managers (3.10); fall back to an ordinary expression when the form does not fit.
            var saved = _pos;
            var savedDepth = _depth;
            try
            {
                _pos++;
                items = [];
                while (!AtOp(")"))
                {
                    items.Add(ParseWithItem());
                    if (!AcceptOp(",")) break;
                }

                ExpectOp(")");
                if (!AtOp(":") || items.Count == 0) items = null;
            }
            catch (SyntaxErrorException)
            {
                items = null;
            }

            if (items is null)
            {
                _pos = saved;
                _depth = savedDepth;
            }
        }

        if (items is null)
        {
            items = [];
            do
            {
                items.Add(ParseWithItem());
            }
            while (AcceptOp(","));
        }

        var body = ParseBlock();
        return Finish(new WithStatement(items, body, isAsync), start);
    }

    private WithItem ParseWithItem()
    {
        var start = Current;
        var context = ParseTest();
        Expression? target = null;
        if (AcceptKeyword("as"))
        {
            target = ParseStarTarget();
            SetContext(target, ExpressionContext.Store);
        }

        return Finish(new WithItem(context, target), start);
    }

    private bool TryParseMatch(out Statement match)
    {
        match = null!;
        var next = Peek();
        if (next.Kind is TokenKind.Newline or TokenKind.EndOfFile || (next.Kind == TokenKind.Operator && next.Text is "=" or "." or "," or ")" or ":" or ";")) return false;
        var start = Current;
        var saved = _pos;
        var savedDepth = _depth;
        Expression subject;
        try
        {
            _pos++;
            subject = ParseStarNamedExpressions();
            if (!AtOp(":") || Peek().Kind != TokenKind.Newline || Peek(2).Kind != TokenKind.Indent || !Peek(3).IsKeyword("case"))
            {
                _pos = saved;
                _depth = savedDepth;
                return false;
            }
        }
        catch (SyntaxErrorException)
        {
            _pos = saved;
            _depth = savedDepth;
            return false;
        }

        _pos += 3;
        Enter();
        var cases = new List<MatchCase>();
        while (AtKeyword("case"))
        {
            var caseStart = Advance();
            var pattern = ParsePatterns();
            var guard = AcceptKeyword("if") ? ParseNamedExpression() : null;
            var body = ParseBlock();
            cases.Add(Finish(new MatchCase(pattern, guard, body), caseStart));
        }

        Leave();
        if (Current.Kind != TokenKind.Dedent) throw Error("invalid syntax");
        _pos++;
        match = Finish(new MatchStatement(subject, cases), start);
        return true;
    }

    // ------------------------------------------------------------ patterns

    private Pattern ParsePatterns()
    {
        var start = Current;
        var first = ParseMaybeStarPattern();
        if (!AtOp(",")) return first;
        var patterns = new List<Pattern> { first };
        while (AcceptOp(","))
        {
            if (AtKeyword("if") || AtOp(":")) break;
            patterns.Add(ParseMaybeStarPattern());
        }

        return Finish(new Pattern(PatternKind.Sequence) { Patterns = patterns }, start);
    }

    private Pattern ParseMaybeStarPattern()
    {
        var start = Current;
        if (AcceptOp("*"))
        {
            var name = ExpectIdentifier().Text;
            return Finish(new Pattern(PatternKind.Star) { Name = name == "_" ? null : name }, start);
        }

        return ParsePattern();
    }

    private Pattern ParsePattern()
    {
        Enter();
        var start = Current;
        var pattern = ParseClosedPattern();
        if (AtOp("|"))
        {
            var alternatives = new List<Pattern> { pattern };
            while (AcceptOp("|")) alternatives.Add(ParseClosedPattern());
            pattern = Finish(new Pattern(PatternKind.Or) { Patterns = alternatives }, start);
        }

        if (AcceptKeyword("as"))
        {
            var name = ExpectIdentifier().Text;
            pattern = Finish(new Pattern(PatternKind.As) { Patterns = [pattern], Name = name }, start);
        }

        Leave();
        return pattern;
    }

    private Pattern ParseClosedPattern()
    {
        var start = Current;
        if (start.Kind is TokenKind.Number or TokenKind.String || start.Is("-"))
        {
            return Finish(new Pattern(PatternKind.Value) { Value = ParseBinary(5) }, start);
        }

        if (start.Kind == TokenKind.Name)
        {
            if (start.Text is "None" or "True" or "False")
            {
                return Finish(new Pattern(PatternKind.Value) { Value = ParseAtom() }, start);
            }

            var nameToken = ExpectIdentifier();
            Expression value = Finish(new NameExpression(nameToken.Text), nameToken);
            var dotted = false;
            while (AcceptOp("."))
            {
                dotted = true;
                value = FinishFrom(new AttributeExpression(value, ExpectIdentifier().Text), value);
            }

            if (AtOp("(")) return ParseClassPattern(value, start);
            if (dotted) return Finish(new Pattern(PatternKind.Value) { Value = value }, start);
            return Finish(new Pattern(PatternKind.As) { Name = nameToken.Text == "_" ? null : nameToken.Text }, start);
        }

        if (AcceptOp("(") || AcceptOp("["))
        {
            var closing = start.Text == "(" ? ")" : "]";
            var patterns = new List<Pattern>();
            var sawComma = false;
            while (!AtOp(closing))
            {
                patterns.Add(ParseMaybeStarPattern());
                if (!AcceptOp(",")) break;
                sawComma = true;
            }

            ExpectOp(closing);
            if (closing == ")" && patterns.Count == 1 && !sawComma && patterns[0].Kind != PatternKind.Star) return patterns[0];
            return Finish(new Pattern(PatternKind.Sequence) { Patterns = patterns }, start);
        }

        if (AcceptOp("{"))
        {
            var keys = new List<Expression>();
            var values = new List<Pattern>();
            string? rest = null;
            while (!AtOp("}"))
            {
                if (AcceptOp("**"))
                {
                    rest = ExpectIdentifier().Text;
                }
                else
                {
                    keys.Add(ParseBinary(5));
                    ExpectOp(":");
                    values.Add(ParsePattern());
                }

                if (!AcceptOp(",")) break;
            }

            ExpectOp("}");
            return Finish(new Pattern(PatternKind.Mapping) { Keys = keys, Patterns = values, Name = rest }, start);
        }

        throw Error("invalid syntax");
    }

    private Pattern ParseClassPattern(Expression cls, Token start)
    {
        ExpectOp("(");
        var patterns = new List<Pattern>();
        var keywords = new List<string>();
        while (!AtOp(")"))
        {
            if (Current.Kind == TokenKind.Name && Peek().Is("="))
            {
                keywords.Add(Advance().Text);
                _pos++;
            }

            patterns.Add(ParsePattern());
            if (!AcceptOp(",")) break;
        }

        ExpectOp(")");
        return Finish(new Pattern(PatternKind.Class) { Value = cls, Patterns = patterns, KeywordNames = keywords }, start);
    }

    // ------------------------------------------------------------ expressions

    private bool AtExpressionStart()
    {
        var token = Current;
        return token.Kind switch
        {
            TokenKind.Name => !HardKeywords.Contains(token.Text) || token.Text is "not" or "lambda" or "await" or "None" or "True" or "False" or "yield",
            TokenKind.Number or TokenKind.String => true,
            TokenKind.Operator => token.Text is "(" or "[" or "{" or "-" or "+" or "~" or "..." or "*",
            _ => false,
        };
    }

    private Expression ParseStarExpressionsOrYield() => AtKeyword("yield") ? ParseYield() : ParseStarExpressions();

    private Expression ParseYield()
    {
        var start = Advance();
        if (AcceptKeyword("from")) return Finish(new YieldExpression(ParseTest(), isFrom: true), start);
        var value = AtExpressionStart() ? ParseStarExpressions() : null;
        return Finish(new YieldExpression(value, isFrom: false), start);
    }

    // star_expressions: a, *b, c (a tuple without parentheses)
    private Expression ParseStarExpressions() => ParseBareTuple(ParseStarExpression);

    private Expression ParseStarNamedExpressions() => ParseBareTuple(ParseStarNamedExpression);

    // One element, or a tuple of them separated by commas (a trailing comma allowed), without parentheses.
    private Expression ParseBareTuple(Func<Expression> parseElement)
    {
        var start = Current;
        var first = parseElement();
        if (!AtOp(",")) return first;
        var elements = new List<Expression> { first };
        while (AcceptOp(","))
        {
            if (!AtExpressionStart()) break;
            elements.Add(parseElement());
        }

        return Finish(new SequenceExpression(SequenceKind.Tuple, elements), start);
    }

    private Expression ParseStarExpression()
    {
        if (!AtOp("*")) return ParseNamedExpression();
        var start = Advance();
        return Finish(new StarredExpression(ParseBinary(0)), start);
    }

    private Expression ParseStarNamedExpression() => ParseStarExpression();

    private Expression ParseNamedExpression()
    {
        if (Current.Kind == TokenKind.Name && Peek().Is(":="))
        {
            var start = Current;
            var nameToken = ExpectIdentifier();
            var target = Finish(new NameExpression(nameToken.Text) { Context = ExpressionContext.Store }, nameToken);
            _pos++;
            var value = ParseTest();
            return Finish(new NamedExpression(target, value), start);
        }

        return ParseTest();
    }

    private Expression ParseTest()
    {
        Enter();
        Expression result;
        if (AtKeyword("lambda"))
        {
            result = ParseLambda();
        }
        else
        {
            var start = Current;
            result = ParseOr();
            if (AtKeyword("if"))
            {
                _pos++;
                var test = ParseOr();
                ExpectKeyword("else");
                var orElse = ParseTest();
                result = Finish(new ConditionalExpression(result, test, orElse), start);
            }
        }

        Leave();
        return result;
    }

    private Expression ParseLambda()
    {
        var start = Advance();
        var parameters = ParseParameters(":", allowAnnotations: false, start);
        ExpectOp(":");
        var body = ParseTest();
        return Finish(new LambdaExpression(parameters, body), start);
    }

    private Expression ParseOr()
    {
        var start = Current;
        var first = ParseAnd();
        if (!AtKeyword("or")) return first;
        var values = new List<Expression> { first };
        while (AcceptKeyword("or")) values.Add(ParseAnd());
        return Finish(new BoolOpExpression("or", values), start);
    }

    private Expression ParseAnd()
    {
        var start = Current;
        var first = ParseNot();
        if (!AtKeyword("and")) return first;
        var values = new List<Expression> { first };
        while (AcceptKeyword("and")) values.Add(ParseNot());
        return Finish(new BoolOpExpression("and", values), start);
    }

    private Expression ParseNot()
    {
        if (!AtKeyword("not")) return ParseComparison();
        var start = Advance();
        Enter();
        var operand = ParseNot();
        Leave();
        return Finish(new UnaryExpression("not", operand), start);
    }

    private Expression ParseComparison()
    {
        var start = Current;
        var left = ParseBinary(0);
        List<string>? operators = null;
        List<Expression>? comparators = null;
        while (true)
        {
            string? op = null;
            var token = Current;
            if (token.Kind == TokenKind.Operator && token.Text is "<" or ">" or "==" or ">=" or "<=" or "!=")
            {
                op = token.Text;
                _pos++;
            }
            else if (token.IsKeyword("in"))
            {
                op = "in";
                _pos++;
            }
            else if (token.IsKeyword("not") && Peek().IsKeyword("in"))
            {
                op = "not in";
                _pos += 2;
            }
            else if (token.IsKeyword("is"))
            {
                _pos++;
                op = AcceptKeyword("not") ? "is not" : "is";
            }

            if (op is null) break;
            (operators ??= []).Add(op);
            (comparators ??= []).Add(ParseBinary(0));
        }

        return operators is null ? left : Finish(new CompareExpression(left, operators, comparators!), start);
    }

    private static int Precedence(in Token token)
    {
        if (token.Kind != TokenKind.Operator) return 0;
        return token.Text switch
        {
            "|" => 1,
            "^" => 2,
            "&" => 3,
            "<<" or ">>" => 4,
            "+" or "-" => 5,
            "*" or "/" or "//" or "%" or "@" => 6,
            _ => 0,
        };
    }

    // Binary operators from '|' (1) to '*' (6) by precedence climbing; minimum precedence 0 parses them all.
    private Expression ParseBinary(int minPrecedence)
    {
        var start = Current;
        var left = ParseFactor();
        var chain = 0;
        while (true)
        {
            var precedence = Precedence(Current);
            if (precedence == 0 || precedence < minPrecedence) break;
            var op = Advance().Text;

            // Each operator of a chain nests the tree one level deeper (a + b + c is (a + b) + c): count it, so
            // that walking the tree stays within the nesting limit too.
            Enter();
            chain++;
            var right = ParseBinary(precedence + 1);
            left = Finish(new BinaryExpression(left, op, right), start);
        }

        _depth -= chain;
        return left;
    }

    private Expression ParseFactor()
    {
        if (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-" or "~")
        {
            var start = Advance();
            Enter();
            var operand = ParseFactor();
            Leave();
            return Finish(new UnaryExpression(start.Text, operand), start);
        }

        return ParsePower();
    }

    private Expression ParsePower()
    {
        var start = Current;
        Expression value;
        if (AtKeyword("await"))
        {
            _pos++;
            value = Finish(new AwaitExpression(ParsePrimary()), start);
        }
        else
        {
            value = ParsePrimary();
        }

        if (!AcceptOp("**")) return value;
        Enter();
        var exponent = ParseFactor();
        Leave();
        return Finish(new BinaryExpression(value, "**", exponent), start);
    }

    private Expression ParsePrimary()
    {
        var start = Current;
        var value = ParseAtom();
        var chain = 0;
        while (true)
        {
            if (Current.Kind == TokenKind.Operator && Current.Text is "." or "(" or "[")
            {
                // a.b.c(d)[e] nests one level per trailer.
                Enter();
                chain++;
            }

            if (AtOp("."))
            {
                _pos++;
                var name = ExpectIdentifier().Text;
                value = Finish(new AttributeExpression(value, name), start);
            }
            else if (AtOp("("))
            {
                _pos++;
                Enter();
                var arguments = ParseArguments();
                ExpectOp(")");
                Leave();
                value = Finish(new CallExpression(value, arguments), start);
            }
            else if (AtOp("["))
            {
                _pos++;
                Enter();
                var index = ParseSlices();
                ExpectOp("]");
                Leave();
                value = Finish(new SubscriptExpression(value, index), start);
            }
            else
            {
                _depth -= chain;
                return value;
            }
        }
    }

    private List<Argument> ParseArguments()
    {
        var arguments = new List<Argument>();
        while (!AtOp(")"))
        {
            var start = Current;
            if (AcceptOp("*"))
            {
                arguments.Add(Finish(new Argument(null, ParseTest(), 1), start));
            }
            else if (AcceptOp("**"))
            {
                arguments.Add(Finish(new Argument(null, ParseTest(), 2), start));
            }
            else if (Current.Kind == TokenKind.Name && Peek().Is("="))
            {
                var name = ExpectIdentifier().Text;
                _pos++;
                arguments.Add(Finish(new Argument(name, ParseTest(), 0), start));
            }
            else
            {
                var value = ParseNamedExpression();
                if (AtComprehensionFor()) value = ParseComprehension(ComprehensionKind.Generator, value, null, start);
                arguments.Add(Finish(new Argument(null, value, 0), start));
            }

            if (!AcceptOp(",")) break;
        }

        return arguments;
    }

    private Expression ParseSlices()
    {
        var start = Current;
        var first = ParseSlice();
        if (!AtOp(",")) return first;
        var elements = new List<Expression> { first };
        while (AcceptOp(","))
        {
            if (AtOp("]")) break;
            elements.Add(ParseSlice());
        }

        return Finish(new SequenceExpression(SequenceKind.Tuple, elements), start);
    }

    private Expression ParseSlice()
    {
        var start = Current;
        Expression? lower = null;
        if (!AtOp(":"))
        {
            lower = ParseStarExpression();
            if (!AtOp(":")) return lower;
        }

        _pos++;
        var upper = AtOp(":") || AtOp(",") || AtOp("]") ? null : ParseTest();
        Expression? step = null;
        if (AcceptOp(":")) step = AtOp(",") || AtOp("]") ? null : ParseTest();
        return Finish(new SliceExpression(lower, upper, step), start);
    }

    private bool AtComprehensionFor() => AtKeyword("for") || (AtKeyword("async") && Peek().IsKeyword("for"));

    private ComprehensionExpression ParseComprehension(ComprehensionKind kind, Expression element, Expression? value, Token start)
    {
        var generators = new List<ComprehensionFor>();
        while (AtComprehensionFor())
        {
            var forStart = Current;
            var isAsync = AcceptKeyword("async");
            ExpectKeyword("for");
            var target = ParseTargetList();
            ExpectKeyword("in");
            var iterable = ParseOr();
            var conditions = new List<Expression>();
            while (AcceptKeyword("if")) conditions.Add(ParseOr());
            generators.Add(Finish(new ComprehensionFor(target, iterable, conditions, isAsync), forStart));
        }

        return Finish(new ComprehensionExpression(kind, element, value, generators), start);
    }

    private Expression ParseStarTarget()
    {
        if (!AtOp("*")) return ParseBinary(0);
        var start = Advance();
        return Finish(new StarredExpression(ParseBinary(0)), start);
    }

    private Expression ParseTargetList()
    {
        var start = Current;
        var first = ParseStarTarget();
        if (AtOp(","))
        {
            var elements = new List<Expression> { first };
            while (AcceptOp(","))
            {
                if (AtKeyword("in") || AtOp("=")) break;
                elements.Add(ParseStarTarget());
            }

            first = Finish(new SequenceExpression(SequenceKind.Tuple, elements), start);
        }

        SetContext(first, ExpressionContext.Store);
        return first;
    }

    private Expression ParseAtom()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                switch (token.Text)
                {
                    case "None":
                        _pos++;
                        return Finish(new ConstantExpression(ConstantKind.None, token.Text), token);
                    case "True":
                        _pos++;
                        return Finish(new ConstantExpression(ConstantKind.True, token.Text), token);
                    case "False":
                        _pos++;
                        return Finish(new ConstantExpression(ConstantKind.False, token.Text), token);
                }

                if (HardKeywords.Contains(token.Text)) throw Error("invalid syntax");
                _pos++;
                return Finish(new NameExpression(token.Text), token);
            case TokenKind.Number:
                _pos++;
                return Finish(new ConstantExpression(ConstantKind.Number, token.Text), token);
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Operator:
                switch (token.Text)
                {
                    case "...":
                        _pos++;
                        return Finish(new ConstantExpression(ConstantKind.Ellipsis, token.Text), token);
                    case "(":
                        return ParseParenthesized();
                    case "[":
                        return ParseList();
                    case "{":
                        return ParseDictOrSet();
                }

                break;
        }

        throw Error(token.Kind == TokenKind.EndOfFile ? "unexpected EOF while parsing" : "invalid syntax");
    }

    private Expression ParseStrings()
    {
        var start = Current;
        var parts = new List<Token>();
        List<Expression>? interpolations = null;
        while (Current.Kind == TokenKind.String)
        {
            var part = Advance();
            parts.Add(part);
            if (part.FStringExpressions is { Count: > 0 } spans)
            {
                interpolations ??= [];
                foreach (var span in spans) interpolations.Add(ParseInterpolation(span));
            }
        }

        return Finish(new StringExpression(parts, interpolations ?? (IReadOnlyList<Expression>)[]), start);
    }

    private Expression ParseInterpolation(FStringSpan span)
    {
        Enter();
        var tokens = Tokenizer.TokenizeExpression(_source, span);
        if (tokens.Count == 1) throw new SyntaxErrorException("f-string: valid expression required before '}'", span.Line, span.Start - span.LineStart + 1);
        var parser = new Parser(_source, tokens, _maxDepth, _depth);
        var expression = parser.ParseStarExpressionsOrYield();
        if (parser.Current.Kind != TokenKind.EndOfFile) throw parser.Error("f-string: expecting '}'");
        Leave();
        return expression;
    }

    private Expression ParseParenthesized()
    {
        var start = Advance();
        Enter();
        Expression result;
        if (AtOp(")"))
        {
            _pos++;
            result = Finish(new SequenceExpression(SequenceKind.Tuple, []), start);
        }
        else if (AtKeyword("yield"))
        {
            result = ParseYield();
            ExpectOp(")");
        }
        else
        {
            var first = ParseStarNamedExpression();
            if (AtComprehensionFor())
            {
                result = ParseComprehension(ComprehensionKind.Generator, first, null, start);
                ExpectOp(")");
            }
            else if (AtOp(","))
            {
                var elements = new List<Expression> { first };
                while (AcceptOp(","))
                {
                    if (AtOp(")")) break;
                    elements.Add(ParseStarNamedExpression());
                }

                ExpectOp(")");
                result = Finish(new SequenceExpression(SequenceKind.Tuple, elements), start);
            }
            else
            {
                ExpectOp(")");
                result = first;
            }
        }

        Leave();
        return result;
    }

    private Expression ParseList()
    {
        var start = Advance();
        Enter();
        var elements = new List<Expression>();
        Expression? result = null;
        if (!AtOp("]"))
        {
            var first = ParseStarNamedExpression();
            if (AtComprehensionFor())
            {
                result = ParseComprehension(ComprehensionKind.List, first, null, start);
            }
            else
            {
                elements.Add(first);
                while (AcceptOp(","))
                {
                    if (AtOp("]")) break;
                    elements.Add(ParseStarNamedExpression());
                }
            }
        }

        ExpectOp("]");
        Leave();
        return result is null ? Finish(new SequenceExpression(SequenceKind.List, elements), start) : Finish(result, start);
    }

    private Expression ParseDictOrSet()
    {
        var start = Advance();
        Enter();
        Expression result;
        if (AtOp("}"))
        {
            _pos++;
            result = Finish(new DictExpression([], []), start);
        }
        else
        {
            Expression? firstKey = null;
            Expression firstValue;
            var isDict = false;
            if (AcceptOp("**"))
            {
                isDict = true;
                firstValue = ParseBinary(0);
            }
            else
            {
                var first = ParseStarNamedExpression();
                if (AcceptOp(":"))
                {
                    isDict = true;
                    firstKey = first;
                    firstValue = ParseTest();
                }
                else
                {
                    firstValue = first;
                }
            }

            if (isDict)
            {
                if (firstKey is not null && AtComprehensionFor())
                {
                    result = ParseComprehension(ComprehensionKind.Dict, firstKey, firstValue, start);
                }
                else
                {
                    var keys = new List<Expression?> { firstKey };
                    var values = new List<Expression> { firstValue };
                    while (AcceptOp(","))
                    {
                        if (AtOp("}")) break;
                        if (AcceptOp("**"))
                        {
                            keys.Add(null);
                            values.Add(ParseBinary(0));
                        }
                        else
                        {
                            keys.Add(ParseTest());
                            ExpectOp(":");
                            values.Add(ParseTest());
                        }
                    }

                    result = new DictExpression(keys, values);
                }
            }
            else if (AtComprehensionFor())
            {
                result = ParseComprehension(ComprehensionKind.Set, firstValue, null, start);
            }
            else
            {
                var elements = new List<Expression> { firstValue };
                while (AcceptOp(","))
                {
                    if (AtOp("}")) break;
                    elements.Add(ParseStarNamedExpression());
                }

                result = new SequenceExpression(SequenceKind.Set, elements);
            }

            ExpectOp("}");
            result = Finish(result, start);
        }

        Leave();
        return result;
    }
}
