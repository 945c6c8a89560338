using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// What every compilation of a review shares: the framework's reference assemblies (loaded once per process, about
/// 80 ms) and the parse and compilation options. Immutable, so shared across reviews and threads.
/// </summary>
internal static class ReferenceSet
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences =
        new(() => [.. Basic.Reference.Assemblies.Net100.References.All], LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The .NET 10 reference assemblies (Microsoft.NETCore.App): no NuGet package is visible to the review.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>
    /// C# 14 pinned: the compiler's default is a preview version. Documentation comments are parsed so that the compiler
    /// counts a <c>cref</c> as a use of a <c>using</c> and reports unnecessary usings at all.
    /// </summary>
    public static CSharpParseOptions ParseOptions { get; } = new(
        LanguageVersion.CSharp14,
        DocumentationMode.Parse,
        SourceCodeKind.Regular,
        ["NET", "NETCOREAPP", "NET10_0", "NET10_0_OR_GREATER", "NET9_0_OR_GREATER", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER", "NET5_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "TRACE"]);

    public static CSharpCompilationOptions Options(OutputKind kind) => kind == OutputKind.ConsoleApplication ? Console : Library;

    private static readonly CSharpCompilationOptions Library = Create(OutputKind.DynamicallyLinkedLibrary);
    private static readonly CSharpCompilationOptions Console = Create(OutputKind.ConsoleApplication);

    private static CSharpCompilationOptions Create(OutputKind kind) => new(
        kind,
        allowUnsafe: true,
        nullableContextOptions: NullableContextOptions.Disable,
        concurrentBuild: false);
}
