using Newtonsoft.Json;
using System.Text; // expect RBCS401
using Shop.Formatting;

namespace Shop;

/// <summary>
/// Uses a package the review cannot see: its using may serve the missing names and stays; System.Text declares nothing
/// spelled like them and is reported; Shop.Formatting declares a Serialize extension, which the unresolved call may be.
/// </summary>
public static class Packages
{
    /// <summary>Write.</summary>
    public static string Write(object value) => JsonConvert.SerializeObject(value);

    /// <summary>Write again.</summary>
    public static string Again(JsonSerializer serializer) => serializer.Serialize();
}
