namespace ReviewBot.Engine.Text;

/// <summary>
/// The words of an identifier, in any language's casing: <c>snake_case</c>, <c>SCREAMING_CASE</c>, <c>camelCase</c>,
/// <c>PascalCase</c> and mixes. Naming rules read a name's style from them, and security rules read whether a name
/// says it holds a secret (<c>dbPassword</c>, <c>reset_token</c>), by whole words rather than substrings.
/// </summary>
public static class IdentifierWords
{
    /// <summary>
    /// The words of <paramref name="name"/> in their own case: split at underscores, and before an uppercase letter that
    /// follows a character that is not uppercase. A run of capitals stays one word (<c>HTTPServer</c>, <c>API_KEY</c>).
    /// </summary>
    public static IReadOnlyList<string> Split(string name)
    {
        var words = new List<string>();
        foreach (var part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.All(c => !char.IsLower(c)))
            {
                words.Add(part);
                continue;
            }

            var start = 0;
            for (var i = 1; i < part.Length; i++)
            {
                if (char.IsUpper(part[i]) && !char.IsUpper(part[i - 1]))
                {
                    words.Add(part[start..i]);
                    start = i;
                }
            }

            words.Add(part[start..]);
        }

        return words;
    }

    /// <summary>The words of <paramref name="name"/>, lower-cased (<c>resetCsrfToken</c>: reset, csrf, token).</summary>
    public static List<string> Lower(string name) => Split(name).Select(w => w.ToLowerInvariant()).ToList();
}
