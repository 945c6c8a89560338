using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Reporting;

/// <summary>
/// What the summary says about each category: what was found (with the count) and why it matters. The example that
/// follows is always a real finding with its file and line, never a generic one.
/// </summary>
internal static class CategoryPhrases
{
    public static string Describe(Category category, int count, IReadOnlyCollection<string> languages, Analysis.AnalysisThresholds thresholds)
    {
        var python = languages.Count == 1 && languages.Contains(Languages.Python);
        var csharp = languages.Count == 1 && languages.Contains(Languages.CSharp);
        return category switch
        {
            Category.Naming =>
                $"{Count(count, "name does", "names do")} not follow the naming conventions of the language or of the surrounding code. " +
                "Sticking to one convention throughout makes the code easier to read and to search.",
            Category.Documentation =>
                $"{Count(count, "public declaration has", "public declarations have")} no " +
                (python ? "docstring" : csharp ? "XML documentation comment" : "documentation") +
                ". Documentation that states the purpose, parameters and results makes the code easier to use and to maintain.",
            Category.UnusedCode =>
                $"{Count(count, "import, variable or member is", "imports, variables or members are")} never used. " +
                "Removing unused code reduces clutter and spares readers from wondering what it is for.",
            Category.Complexity =>
                $"{Count(count, "function or test goes", "functions or tests go")} past a limit of complexity " +
                $"(a cyclomatic complexity of {thresholds.MaxComplexity}, blocks nested {thresholds.MaxNesting} deep, {thresholds.MaxTestAssertions} assertions in one test). " +
                "Smaller, focused pieces are easier to understand and to test.",
            Category.Assertions =>
                $"{Count(count, "assertion does", "assertions do")} not say what the expected outcome is as directly as {Pronoun(count)} could. " +
                "A specific assertion shows what the test checks and gives a clearer failure message.",
            Category.Logging =>
                $"{Count(count, "logging call loses", "logging calls lose")} information or {Verb(count, "does", "do")} needless work. " +
                "Passing values as arguments of a message template keeps logs structured, and costs nothing when the level is off.",
            Category.FunctionLength =>
                $"{Count(count, "function is", "functions are")} longer than {thresholds.MaxFunctionLines} lines. " +
                "Breaking long functions into smaller, focused ones improves readability and maintainability.",
            Category.TestStyle =>
                $"{Count(count, "test uses a pattern", "tests use patterns")} that {Verb(count, "makes", "make")} tests slower, flakier or harder to maintain. " +
                "Tests that set up with fixtures or cleanups and wait on conditions stay reliable as the suite grows.",
            _ => $"{Count(count, "finding", "findings")}.",
        };
    }

    private static string Count(int count, string singular, string plural) =>
        count == 1 ? $"One {singular}" : $"{count} {plural}";

    private static string Pronoun(int count) => count == 1 ? "it" : "they";

    private static string Verb(int count, string singular, string plural) => count == 1 ? singular : plural;
}
