namespace Shop.Formatting;

/// <summary>Extensions a file with an unresolved receiver may be calling.</summary>
public static class TextExtensions
{
    /// <summary>Serialize.</summary>
    public static string Serialize(this string text) => text;
}
