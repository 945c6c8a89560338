using System.Xml;
using System.Xml.Linq;

namespace ReviewBot.CSharp.Projects;

/// <summary>
/// Reads a project or props file from a pull request as XML that cannot hurt the reader: DTDs are refused (no
/// entity expansion, no external resolution), and the document is bounded in characters.
/// </summary>
internal static class ProjectXml
{
    /// <summary>The document, or null with the reason it was refused.</summary>
    public static (XElement? Root, string? Problem) Load(string text, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Math.Max(1, maxCharacters),
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root;
            return root is null || root.Name.LocalName != "Project" ? (null, "it is not an MSBuild project (no <Project> root)") : (root, null);
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "it declares a DTD, which project files never need; it was refused");
        }
        catch (XmlException exception)
        {
            return (null, $"it is not well-formed XML (line {exception.LineNumber})");
        }
    }
}
