using System.Text;
using ReviewBot.Engine.Text;

namespace ReviewBot.CSharp.Analysis;

/// <summary>The casing style of an identifier, as far as it is unambiguous.</summary>
internal enum Casing
{
    /// <summary>Nothing to say: PascalCase, a mix, an acronym, or a name too short to tell.</summary>
    Other,

    /// <summary><c>get_value</c>: lowercase words joined by underscores.</summary>
    SnakeCase,

    /// <summary><c>MAX_SIZE</c>: uppercase words joined by underscores.</summary>
    ScreamingCase,

    /// <summary><c>getValue</c>: starts lowercase, no underscores.</summary>
    CamelCase,

    /// <summary><c>GetValue</c>.</summary>
    PascalCase,
}

internal static class NameStyle
{
    public static Casing Classify(string name)
    {
        if (name.Length == 0 || name.StartsWith('_') || name.EndsWith('_') || name.Contains("__", StringComparison.Ordinal)) return Casing.Other;
        if (!char.IsLetter(name[0])) return Casing.Other;
        var hasUnderscore = name.Contains('_', StringComparison.Ordinal);
        var hasLower = name.Any(char.IsLower);
        var hasUpper = name.Any(char.IsUpper);
        if (hasUnderscore)
        {
            if (!hasUpper) return Casing.SnakeCase;
            if (!hasLower) return Casing.ScreamingCase;
            return Casing.Other;
        }

        if (char.IsLower(name[0])) return Casing.CamelCase;
        return char.IsUpper(name[0]) && hasLower ? Casing.PascalCase : Casing.Other;
    }

    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var word in IdentifierWords.Split(name))
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            var rest = word[1..];
            builder.Append(rest.All(c => !char.IsLower(c)) ? rest.ToLowerInvariant() : rest);
        }

        return builder.ToString();
    }

    public static string ToCamelCase(string name)
    {
        var pascal = ToPascalCase(name);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    public static string Describe(Casing casing) => casing switch
    {
        Casing.SnakeCase => "snake_case",
        Casing.ScreamingCase => "SCREAMING_CASE",
        Casing.CamelCase => "camelCase",
        Casing.PascalCase => "PascalCase",
        _ => "a mixed style",
    };
}
