using System.Globalization;

namespace ReviewBot.Python.Syntax;

/// <summary>
/// Python 3.12's tokenizer: indentation, explicit and implicit line joining, every string form (f-strings are one
/// token that records where its embedded expressions are, so nested quotes per PEP 701 work), numbers with underscores.
/// Comments are kept aside. Runs in one linear pass.
/// </summary>
public sealed class Tokenizer
{
    private readonly string _s;
    private readonly int _end;
    private readonly bool _expressionMode;
    private readonly TokenBuffer _tokens;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly List<Comment> _comments = [];
    private readonly List<int> _indents = [0];
    private readonly Stack<(char Bracket, int Line, int Column)> _brackets = new();
    private int _pos;
    private int _line;
    private int _lineStart;

    private Tokenizer(string source, int start, int end, int line, int lineStart, bool expressionMode)
    {
        _s = source;
        _pos = start;
        _end = end;
        _line = line;
        _lineStart = lineStart;
        _expressionMode = expressionMode;
        _tokens = new TokenBuffer((end - start) / 5 + 16);
    }

    /// <summary>Tokenizes a whole module.</summary>
    public static (TokenBuffer Tokens, List<Comment> Comments) Tokenize(string source)
    {
        var (tokens, comments, error) = TokenizeUpToError(source);
        if (error is not null) throw error;
        return (tokens, comments);
    }

    /// <summary>
    /// Tokenizes a module; on a lexical error, returns the tokens before it (ending with an end-of-file token) and the
    /// error, so that the parser can report an earlier syntax error first, as CPython's lazy tokenizer does.
    /// </summary>
    public static (TokenBuffer Tokens, List<Comment> Comments, SyntaxErrorException? Error) TokenizeUpToError(string source)
    {
        var start = source.Length > 0 && source[0] == '\uFEFF' ? 1 : 0;
        var tokenizer = new Tokenizer(source, start, source.Length, 1, start, expressionMode: false);
        try
        {
            tokenizer.Run();
            return (tokenizer._tokens, tokenizer._comments, null);
        }
        catch (SyntaxErrorException error)
        {
            var end = tokenizer._tokens.Count > 0 ? tokenizer._tokens[tokenizer._tokens.Count - 1] : default;
            tokenizer._tokens.Add(new Token(TokenKind.EndOfFile, "", end.End, end.End, end.EndLine, end.EndColumn, end.EndLine, end.EndColumn));
            return (tokenizer._tokens, tokenizer._comments, error);
        }
    }

    /// <summary>Tokenizes the expression of an f-string replacement field, as if inside brackets.</summary>
    public static TokenBuffer TokenizeExpression(string source, FStringSpan span)
    {
        var tokenizer = new Tokenizer(source, span.Start, span.End, span.Line, span.LineStart, expressionMode: true);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private int Column(int offset) => offset - _lineStart + 1;

    private SyntaxErrorException Error(string message, int offset) => new(message, _line, Column(offset));

    private void Run()
    {
        var atLineStart = !_expressionMode;
        while (true)
        {
            if (atLineStart)
            {
                if (!Indentation()) break;
                atLineStart = false;
            }

            if (_pos >= _end) break;
            var c = _s[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    _pos++;
                    break;
                case '#':
                    ReadComment();
                    break;
                case '\r' or '\n':
                    if (_expressionMode || _brackets.Count > 0)
                    {
                        ConsumeNewline();
                    }
                    else
                    {
                        var (line, column) = (_line, Column(_pos));
                        var start = _pos;
                        ConsumeNewline();
                        _tokens.Add(new Token(TokenKind.Newline, "", start, start, line, column, line, column));
                        atLineStart = true;
                    }

                    break;
                case '\\':
                    if (_pos + 1 < _end && _s[_pos + 1] is '\r' or '\n')
                    {
                        _pos++;
                        ConsumeNewline();
                        if (_pos >= _end && !_expressionMode) throw Error("unexpected EOF while parsing", _pos);
                    }
                    else
                    {
                        throw Error("unexpected character after line continuation character", _pos);
                    }

                    break;
                case '"' or '\'':
                    ReadString(_pos, _pos);
                    break;
                default:
                    if (c is >= '0' and <= '9' || (c == '.' && _pos + 1 < _end && char.IsAsciiDigit(_s[_pos + 1])))
                    {
                        ReadNumber();
                    }
                    else if (IsIdentifierStart(c))
                    {
                        ReadNameOrPrefixedString();
                    }
                    else
                    {
                        ReadOperator();
                    }

                    break;
            }
        }

        if (_expressionMode)
        {
            if (_brackets.Count > 0) throw NeverClosed();
            _tokens.Add(new Token(TokenKind.EndOfFile, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
            return;
        }

        if (_brackets.Count > 0) throw NeverClosed();
        if (_tokens.Count > 0 && _tokens[_tokens.Count - 1].Kind is not (TokenKind.Newline or TokenKind.Dedent))
        {
            _tokens.Add(new Token(TokenKind.Newline, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
        }

        for (var i = _indents.Count - 1; i > 0; i--)
        {
            _tokens.Add(new Token(TokenKind.Dedent, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
        }

        _tokens.Add(new Token(TokenKind.EndOfFile, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
    }

    private SyntaxErrorException NeverClosed()
    {
        var (bracket, line, column) = _brackets.Peek();
        return new SyntaxErrorException($"'{bracket}' was never closed", line, column);
    }

    // Measures a line's indentation and emits INDENT/DEDENT; skips blank and comment-only lines. False at end of input.
    private bool Indentation()
    {
        while (true)
        {
            var width = 0;
            while (_pos < _end)
            {
                var c = _s[_pos];
                if (c == ' ') width++;
                else if (c == '\t') width = (width / 8 + 1) * 8;
                else if (c == '\f') width = 0;
                else break;
                _pos++;
            }

            if (_pos >= _end) return false;
            var next = _s[_pos];
            if (next == '#')
            {
                ReadComment();
                if (_pos >= _end) return false;
                ConsumeNewline();
                continue;
            }

            if (next is '\r' or '\n')
            {
                ConsumeNewline();
                continue;
            }

            if (next == '\\' && _pos + 1 < _end && _s[_pos + 1] is '\r' or '\n')
            {
                // A backslash continuation at the start of a line: the logical line continues on the next one.
                return true;
            }

            var current = _indents[^1];
            if (width > current)
            {
                _indents.Add(width);
                _tokens.Add(new Token(TokenKind.Indent, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
            }
            else if (width < current)
            {
                while (_indents.Count > 1 && _indents[^1] > width)
                {
                    _indents.RemoveAt(_indents.Count - 1);
                    _tokens.Add(new Token(TokenKind.Dedent, "", _pos, _pos, _line, Column(_pos), _line, Column(_pos)));
                }

                if (_indents[^1] != width) throw Error("unindent does not match any outer indentation level", _pos);
            }

            return true;
        }
    }

    private void ConsumeNewline()
    {
        if (_s[_pos] == '\r' && _pos + 1 < _end && _s[_pos + 1] == '\n') _pos++;
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private void ReadComment()
    {
        var start = _pos;
        while (_pos < _end && _s[_pos] is not ('\r' or '\n')) _pos++;
        _comments.Add(new Comment(_line, Column(start), _s[start.._pos]));
    }

    private static bool IsIdentifierStart(char c)
    {
        if (c < 128) return char.IsAsciiLetter(c) || c == '_';
        if (char.IsSurrogate(c)) return true;
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
    }

    private static bool IsIdentifierPart(char c)
    {
        if (c < 128) return char.IsAsciiLetterOrDigit(c) || c == '_';
        if (IsIdentifierStart(c)) return true;
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Format;
    }

    private static bool IsStringPrefix(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > 2) return false;
        var flags = 0;
        foreach (var c in text)
        {
            var bit = char.ToLowerInvariant(c) switch { 'r' => 1, 'b' => 2, 'f' => 4, 'u' => 8, _ => 0 };
            if (bit == 0 || (flags & bit) != 0) return false;
            flags |= bit;
        }

        // u combines with nothing; b and f do not combine.
        return (flags & 8) == 0 || flags == 8 ? (flags & 6) != 6 : false;
    }

    private void ReadNameOrPrefixedString()
    {
        var start = _pos;
        var column = Column(_pos);
        _pos++;
        while (_pos < _end && IsIdentifierPart(_s[_pos])) _pos++;
        if (_pos < _end && _s[_pos] is '"' or '\'' && IsStringPrefix(_s.AsSpan(start, _pos - start)))
        {
            ReadString(start, _pos);
            return;
        }

        _tokens.Add(new Token(TokenKind.Name, Intern(_s.AsSpan(start, _pos - start)), start, _pos, _line, column, _line, Column(_pos)));
    }

    // Names repeat (self, i, the module's own names): one string per distinct name.
    private string Intern(ReadOnlySpan<char> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known)) return known;
        var text = name.ToString();
        _names[text] = text;
        return text;
    }

    private void ReadNumber()
    {
        var start = _pos;
        var column = Column(_pos);
        if (_s[_pos] == '0' && _pos + 1 < _end && _s[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            _pos += 2;
            while (_pos < _end && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        }
        else
        {
            SkipDigits();
            if (_pos < _end && _s[_pos] == '.')
            {
                _pos++;
                SkipDigits();
            }

            if (_pos < _end && _s[_pos] is 'e' or 'E')
            {
                var after = _pos + 1;
                if (after < _end && _s[after] is '+' or '-') after++;
                if (after < _end && char.IsAsciiDigit(_s[after]))
                {
                    _pos = after;
                    SkipDigits();
                }
            }

            if (_pos < _end && _s[_pos] is 'j' or 'J') _pos++;
        }

        _tokens.Add(new Token(TokenKind.Number, _s[start.._pos], start, _pos, _line, column, _line, Column(_pos)));
    }

    private void SkipDigits()
    {
        while (_pos < _end && (char.IsAsciiDigit(_s[_pos]) || (_s[_pos] == '_' && _pos + 1 < _end && char.IsAsciiDigit(_s[_pos + 1])))) _pos++;
    }

    private void ReadOperator()
    {
        var start = _pos;
        var column = Column(_pos);
        var c0 = _s[_pos];
        var c1 = _pos + 1 < _end ? _s[_pos + 1] : '\0';
        var c2 = _pos + 2 < _end ? _s[_pos + 2] : '\0';
        string? op = (c0, c1, c2) switch
        {
            ('*', '*', '=') => "**=",
            ('/', '/', '=') => "//=",
            ('>', '>', '=') => ">>=",
            ('<', '<', '=') => "<<=",
            ('.', '.', '.') => "...",
            ('-', '>', _) => "->",
            (':', '=', _) => ":=",
            ('*', '*', _) => "**",
            ('/', '/', _) => "//",
            ('<', '<', _) => "<<",
            ('>', '>', _) => ">>",
            ('<', '=', _) => "<=",
            ('>', '=', _) => ">=",
            ('=', '=', _) => "==",
            ('!', '=', _) => "!=",
            ('+', '=', _) => "+=",
            ('-', '=', _) => "-=",
            ('*', '=', _) => "*=",
            ('/', '=', _) => "/=",
            ('%', '=', _) => "%=",
            ('&', '=', _) => "&=",
            ('|', '=', _) => "|=",
            ('^', '=', _) => "^=",
            ('@', '=', _) => "@=",
            _ => null,
        };

        if (op is null)
        {
            var c = _s[_pos];
            op = c switch
            {
                '(' => "(",
                ')' => ")",
                '[' => "[",
                ']' => "]",
                '{' => "{",
                '}' => "}",
                ':' => ":",
                ',' => ",",
                ';' => ";",
                '.' => ".",
                '+' => "+",
                '-' => "-",
                '*' => "*",
                '/' => "/",
                '%' => "%",
                '&' => "&",
                '|' => "|",
                '^' => "^",
                '~' => "~",
                '<' => "<",
                '>' => ">",
                '=' => "=",
                '@' => "@",
                '!' => "!",
                _ => throw Error($"invalid character '{c}' (U+{(int)c:X4})", _pos),
            };
            if (c is '(' or '[' or '{')
            {
                _brackets.Push((c, _line, column));
            }
            else if (c is ')' or ']' or '}')
            {
                var open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (_brackets.Count == 0) throw Error($"unmatched '{c}'", _pos);
                if (_brackets.Peek().Bracket != open) throw Error($"closing parenthesis '{c}' does not match opening parenthesis '{_brackets.Peek().Bracket}'", _pos);
                _brackets.Pop();
            }
        }

        _pos += op.Length;
        _tokens.Add(new Token(TokenKind.Operator, op, start, _pos, _line, column, _line, Column(_pos)));
    }

    // Reads a string literal whose prefix starts at prefixStart and whose quote is at quotePos.
    private void ReadString(int prefixStart, int quotePos)
    {
        var startLine = _line;
        var startColumn = Column(prefixStart);
        var raw = false;
        var format = false;
        for (var i = prefixStart; i < quotePos; i++)
        {
            var c = char.ToLowerInvariant(_s[i]);
            raw |= c == 'r';
            format |= c == 'f';
        }

        var quote = _s[quotePos];
        var triple = quotePos + 2 < _end && _s[quotePos + 1] == quote && _s[quotePos + 2] == quote;
        _pos = quotePos + (triple ? 3 : 1);
        List<FStringSpan>? spans = null;
        if (format)
        {
            spans = [];
            ReadFStringBody(quote, triple, raw, spans, startLine, prefixStart);
        }
        else
        {
            ReadPlainBody(quote, triple, startLine, prefixStart);
        }

        _tokens.Add(new Token(TokenKind.String, _s[prefixStart.._pos], prefixStart, _pos, startLine, startColumn, _line, Column(_pos))
        {
            FStringExpressions = spans,
        });
    }

    private SyntaxErrorException Unterminated(bool triple, int line, int offset, int lineStart) =>
        new(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", line, offset - lineStart + 1);

    private void ReadPlainBody(char quote, bool triple, int startLine, int start)
    {
        var startLineStart = _lineStart;
        while (true)
        {
            if (_pos >= _end) throw Unterminated(triple, startLine, start, startLineStart);
            var c = _s[_pos];
            if (c == '\\')
            {
                _pos++;
                if (_pos < _end && _s[_pos] is '\r' or '\n') ConsumeNewline();
                else _pos++;
            }
            else if (c == quote)
            {
                if (!triple)
                {
                    _pos++;
                    return;
                }

                if (_pos + 2 < _end && _s[_pos + 1] == quote && _s[_pos + 2] == quote)
                {
                    _pos += 3;
                    return;
                }

                _pos++;
            }
            else if (c is '\r' or '\n')
            {
                if (!triple) throw Unterminated(triple, startLine, start, startLineStart);
                ConsumeNewline();
            }
            else
            {
                _pos++;
            }
        }
    }

    private bool AtClosingQuote(char quote, bool triple) =>
        _s[_pos] == quote && (!triple || (_pos + 2 < _end && _s[_pos + 1] == quote && _s[_pos + 2] == quote));

    private void ReadFStringBody(char quote, bool triple, bool raw, List<FStringSpan> spans, int startLine, int start)
    {
        var startLineStart = _lineStart;
        while (true)
        {
            if (_pos >= _end) throw Unterminated(triple, startLine, start, startLineStart);
            var c = _s[_pos];
            if (c == '\\')
            {
                _pos++;
                if (_pos >= _end) continue;
                if (_s[_pos] is '\r' or '\n')
                {
                    ConsumeNewline();
                }
                else if (_s[_pos] is '{' or '}')
                {
                    // A backslash does not escape a brace.
                }
                else if (!raw && _s[_pos] == 'N' && _pos + 1 < _end && _s[_pos + 1] == '{')
                {
                    while (_pos < _end && _s[_pos] != '}') _pos++;
                    _pos++;
                }
                else
                {
                    _pos++;
                }
            }
            else if (c == '{')
            {
                if (_pos + 1 < _end && _s[_pos + 1] == '{')
                {
                    _pos += 2;
                }
                else
                {
                    _pos++;
                    ReadReplacementField(quote, triple, spans);
                }
            }
            else if (AtClosingQuote(quote, triple))
            {
                _pos += triple ? 3 : 1;
                return;
            }
            else if (c is '\r' or '\n')
            {
                if (!triple) throw Unterminated(triple, startLine, start, startLineStart);
                ConsumeNewline();
            }
            else
            {
                _pos++;
            }
        }
    }

    // At the character after '{': reads the expression, the optional conversion and format spec, and the closing '}'.
    private void ReadReplacementField(char quote, bool triple, List<FStringSpan> spans)
    {
        var exprStart = _pos;
        var line = _line;
        var lineStart = _lineStart;
        var depth = 0;
        var commentStart = -1;
        while (true)
        {
            if (_pos >= _end) throw Error("f-string: expecting '}'", _pos);
            var c = _s[_pos];
            if (depth == 0 && (c == '}' || c == ':' || (c == '!' && !(_pos + 1 < _end && _s[_pos + 1] == '='))))
            {
                spans.Add(new FStringSpan(exprStart, TrimSelfDocumenting(exprStart, _pos, commentStart), line, lineStart));
                if (c == '!')
                {
                    _pos++;
                    while (_pos < _end && IsIdentifierPart(_s[_pos])) _pos++;
                    while (_pos < _end && _s[_pos] is ' ' or '\t') _pos++;
                    if (_pos < _end && _s[_pos] == ':') ReadFormatSpec(quote, triple, spans);
                    else if (_pos < _end && _s[_pos] == '}') _pos++;
                    else throw Error("f-string: expecting '}'", _pos);
                }
                else if (c == ':')
                {
                    ReadFormatSpec(quote, triple, spans);
                }
                else
                {
                    _pos++;
                }

                return;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    _pos++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    _pos++;
                    break;
                case '"' or '\'':
                    if (!triple && c == quote && depth == 0 && !NestedStringCloses(c)) throw Error("f-string: expecting '}'", _pos);
                    ReadNestedString(_pos, _pos);
                    break;
                case '\r' or '\n':
                    ConsumeNewline();
                    break;
                case '#':
                    if (commentStart < 0) commentStart = _pos;
                    while (_pos < _end && _s[_pos] is not ('\r' or '\n')) _pos++;
                    break;
                default:
                    if (IsIdentifierStart(c))
                    {
                        var nameStart = _pos;
                        _pos++;
                        while (_pos < _end && IsIdentifierPart(_s[_pos])) _pos++;
                        if (_pos < _end && _s[_pos] is '"' or '\'' && IsStringPrefix(_s.AsSpan(nameStart, _pos - nameStart)))
                        {
                            ReadNestedString(nameStart, _pos);
                        }
                    }
                    else
                    {
                        _pos++;
                    }

                    break;
            }
        }
    }

    // Whether a quote inside a single-quoted f-string's field starts a string that closes on the same line (PEP 701).
    private bool NestedStringCloses(char quote)
    {
        for (var i = _pos + 1; i < _end; i++)
        {
            if (_s[i] == quote) return true;
            if (_s[i] is '\r' or '\n') return false;
        }

        return false;
    }

    private void ReadNestedString(int prefixStart, int quotePos)
    {
        var count = _tokens.Count;
        ReadString(prefixStart, quotePos);
        _tokens.Truncate(count);
    }

    private void ReadFormatSpec(char quote, bool triple, List<FStringSpan> spans)
    {
        _pos++; // ':'
        while (true)
        {
            if (_pos >= _end) throw Error("f-string: expecting '}'", _pos);
            var c = _s[_pos];
            if (c == '{')
            {
                _pos++;
                ReadReplacementField(quote, triple, spans);
            }
            else if (c == '}')
            {
                _pos++;
                return;
            }
            else if (c == '\\')
            {
                _pos += 2;
            }
            else if (c is '\r' or '\n')
            {
                if (!triple) throw Error("f-string: expecting '}'", _pos);
                ConsumeNewline();
            }
            else if (AtClosingQuote(quote, triple))
            {
                throw Error("f-string: expecting '}'", _pos);
            }
            else
            {
                _pos++;
            }
        }
    }

    // f"{x=}" and f"{x = }" print the expression's text: the '=' is not part of the expression.
    private int TrimSelfDocumenting(int start, int end, int commentStart)
    {
        // A comment (3.12 allows them in multi-line fields) does not end the expression's text.
        var i = commentStart >= 0 ? commentStart : end;
        while (i > start && char.IsWhiteSpace(_s[i - 1])) i--;
        if (i > start + 1 && _s[i - 1] == '=' && _s[i - 2] is not ('=' or '!' or '<' or '>')) return i - 1;
        return end;
    }
}

/// <summary>Invalid Python: the message and 1-based position of the first error, as CPython reports it.</summary>
public sealed class SyntaxErrorException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>Input nested deeper than the configured limit.</summary>
public sealed class NestingLimitException(int line, int limit)
    : Exception($"The file nests deeper than {limit} levels (line {line}); it was not analyzed.")
{
    public int Line { get; } = line;
}
