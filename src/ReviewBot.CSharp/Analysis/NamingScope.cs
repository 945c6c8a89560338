using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>Where naming conventions do not apply: interop code mirrors the names of the native API it declares.</summary>
internal static class NamingScope
{
    /// <summary>
    /// True when <paramref name="node"/> is inside a type with a <c>[StructLayout]</c> or <c>[ComImport]</c> attribute, or in
    /// a file that declares native methods (<c>extern</c>, <c>[DllImport]</c>, <c>[LibraryImport]</c>).
    /// </summary>
    public static bool IsInterop(SyntaxNode node, FileContext file)
    {
        foreach (var type in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (TestCode.HasAttribute(type.AttributeLists, "StructLayout") || TestCode.HasAttribute(type.AttributeLists, "ComImport")) return true;
        }

        return file.DeclaresNativeMethods;
    }
}
