namespace ReviewBot.Engine.Findings;

/// <summary>The nine kinds of finding, in the order the summary lists them (security first).</summary>
public enum Category
{
    Security,
    Naming,
    Documentation,
    UnusedCode,
    Complexity,
    Assertions,
    Logging,
    FunctionLength,
    TestStyle,
}

/// <summary>Wire ids and summary titles of <see cref="Category"/>.</summary>
public static class CategoryNames
{
    private static readonly string[] Ids =
    [
        "security", "naming", "documentation", "unused-code", "complexity", "assertions", "logging", "function-length", "test-style",
    ];

    /// <summary>The stable id used in configuration, JSON and SARIF (<c>unused-code</c>).</summary>
    public static string Id(this Category category) => Ids[(int)category];

    /// <summary>Parses a wire id; returns false for anything else.</summary>
    public static bool TryParse(string id, out Category category)
    {
        var index = Array.IndexOf(Ids, id.Trim().ToLowerInvariant());
        category = index < 0 ? default : (Category)index;
        return index >= 0;
    }

    /// <summary>All category ids, in summary order.</summary>
    public static IReadOnlyList<string> AllIds => Ids;

    /// <summary>
    /// The title the summary gives the category. Documentation is named after what the language calls it;
    /// <paramref name="languages"/> are the languages of the findings being summarised.
    /// </summary>
    public static string Title(this Category category, IReadOnlyCollection<string>? languages = null) => category switch
    {
        Category.Security => "Security defects",
        Category.Naming => "Inconsistent naming conventions",
        Category.Documentation => languages switch
        {
            { Count: 1 } when languages.Contains(Languages.Python) => "Missing docstrings",
            { Count: 1 } when languages.Contains(Languages.CSharp) => "Missing XML documentation",
            _ => "Missing documentation",
        },
        Category.UnusedCode => "Unused variables and imports",
        Category.Complexity => "Complexity",
        Category.Assertions => "Assertions",
        Category.Logging => "Logging",
        Category.FunctionLength => "Long functions",
        Category.TestStyle => "Testing style",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}

/// <summary>Language ids, as rules and analyzers name them.</summary>
public static class Languages
{
    public const string CSharp = "csharp";
    public const string Python = "python";
}
