using Microsoft.CodeAnalysis;

namespace ReviewBot.CSharp.Analysis;

/// <summary>Symbol questions the rules share, answered conservatively.</summary>
internal static class Symbols
{
    /// <summary>
    /// True when the member's name is not the author's choice: an override, an explicit or implicit interface
    /// implementation, or a public member of a type whose base types do not all resolve (it may implicitly implement an
    /// interface we cannot see; a member that is not public cannot, and an override says so with its keyword).
    /// </summary>
    public static bool NameIsImposed(ISymbol symbol)
    {
        if (symbol.IsOverride || symbol.IsExtern) return true;
        switch (symbol)
        {
            case IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 }:
            case IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 }:
            case IEventSymbol { ExplicitInterfaceImplementations.Length: > 0 }:
                return true;
        }

        var type = symbol.ContainingType;
        if (type is null) return false;
        if (HasUnresolvedBase(type) && symbol.DeclaredAccessibility == Accessibility.Public) return true;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(symbol.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), symbol)) return true;
            }
        }

        return false;
    }

    /// <summary>True when a base type or an interface of <paramref name="type"/> (or of its containers) does not resolve.</summary>
    public static bool HasUnresolvedBase(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error) return true;
            if (current.Interfaces.Any(i => i.TypeKind == TypeKind.Error)) return true;
        }

        return type.AllInterfaces.Any(i => i.TypeKind == TypeKind.Error);
    }

    /// <summary>True when the symbol and every type containing it are visible outside the assembly.</summary>
    public static bool IsExternallyVisible(ISymbol symbol)
    {
        for (var current = symbol; current is not null && current.Kind != SymbolKind.Namespace; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="fullName"/> (namespace-qualified metadata name).</summary>
    public static bool Is(ITypeSymbol? type, string fullName) =>
        type is not null && type.TypeKind != TypeKind.Error && type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + fullName;

    public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "", StringComparison.Ordinal);
}
