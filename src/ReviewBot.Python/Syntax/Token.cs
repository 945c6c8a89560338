namespace ReviewBot.Python.Syntax;

/// <summary>The lexical classes of Python's tokenizer.</summary>
public enum TokenKind : byte
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    Indent,
    Dedent,
    EndOfFile,
}

/// <summary>
/// One token: its kind, its text's offsets in the source, and its 1-based start and end positions (columns count
/// UTF-16 code units). <see cref="Text"/> is the token's text for names, numbers and operators.
/// </summary>
public readonly record struct Token(
    TokenKind Kind, string Text, int Start, int End, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>For an f-string token: the source ranges of the expressions inside its replacement fields.</summary>
    public IReadOnlyList<FStringSpan>? FStringExpressions { get; init; }

    public bool Is(string op) => Kind == TokenKind.Operator && Text == op;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Name && Text == keyword;

    public override string ToString() => $"{Kind} '{Text}' at {Line}:{Column}";
}

/// <summary>A comment, kept for <c># noqa</c> and pragmas.</summary>
public readonly record struct Comment(int Line, int Column, string Text);

/// <summary>The source range of one expression inside an f-string, and the line it starts on.</summary>
public readonly record struct FStringSpan(int Start, int End, int Line, int LineStart);

/// <summary>A growable array of tokens that the parser reads by reference, without copying.</summary>
public sealed class TokenBuffer(int capacity)
{
    private Token[] _items = new Token[Math.Max(16, capacity)];

    public int Count { get; private set; }

    /// <summary>The backing array; only the first <see cref="Count"/> items are tokens.</summary>
    public Token[] Items => _items;

    public ref Token this[int index] => ref _items[index];

    public void Add(in Token token)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = token;
    }

    /// <summary>Drops the tokens from <paramref name="count"/> on.</summary>
    public void Truncate(int count) => Count = Math.Min(Count, count);
}
