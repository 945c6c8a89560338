namespace ReviewBot.CSharp.Tests.Rules.UnusedCode;

public sealed class UnusedUsingDirectiveTests
{
    private const string Id = "RBCS401";

    private const string Project = """<Project Sdk="Microsoft.NET.Sdk" />""";

    [Fact]
    public void Flags_UnusedUsing_WithDeletionSuggestion()
    {
        var findings = Verify.Flags(Id, """
            using System;
            [|using System.Text;
            [|using System.Collections.Generic;

            namespace Demo;

            public static class Greeting
            {
                public static string Hello(string name) => String.Concat("Hello, ", name);
            }
            """);
        Assert.Equal("Using directive 'System.Text' is not used; remove it.", findings[0].Message);
        var deletion = Assert.IsType<ReviewBot.Engine.Findings.Suggestion>(findings[0].Suggestion);
        Assert.Equal((2, 2, ""), (deletion.StartLine, deletion.EndLine, deletion.Replacement));
    }

    [Fact]
    public void Flags_UnusedAliasAndStaticUsing()
    {
        Verify.Flags(Id, """
            [|using Text = System.Text.StringBuilder;
            [|using static System.Math;

            namespace Demo;

            public static class Empty
            {
            }
            """);
    }

    [Fact]
    public void Flags_UsingMadeRedundantByImplicitUsings()
    {
        Verify.Flags(Id, """
            [|using System.Linq;

            namespace Demo;

            public static class Numbers
            {
                public static int Count(int[] items) => items.Count();
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""",
        });
    }

    [Fact]
    public void Flags_UsingsOfKnownNamespaces_ThatDeclareNothingSpelledLikeTheUnresolvedName()
    {
        // 'Widget' does not resolve, but neither System.Text nor System.Net declares anything named Widget: whatever the
        // missing assembly holds, these directives cannot serve it.
        Verify.Flags(Id, """
            [|using System.Text;
            [|using System.Net;

            namespace Demo;

            public static class Factory
            {
                public static object Make() => new Widget();
            }
            """);
    }

    [Fact]
    public void Flags_UnusedUsing_BesideAPackageTypeThatDoesNotResolve()
    {
        Verify.Flags(Id, """
            using Newtonsoft.Json;
            [|using System.Text;

            namespace Demo;

            public static class Serializer
            {
                [JsonIgnore]
                public static string Write(object value) => JsonConvert.SerializeObject(value);
            }
            """);
    }

    [Fact]
    public void NoFinding_UsingOfAnUnknownNamespace_ThatMayServeTheUnresolvedName()
    {
        Verify.NoFinding(Id, """
            using Acme.Widgets;

            namespace Demo;

            public static class Factory
            {
                public static object Make() => new Widget();
            }
            """);
    }

    [Fact]
    public void NoFinding_UsingWhoseNamespaceDeclaresATypeSpelledLikeTheUnresolvedName()
    {
        // Widget<T> is not known, but Demo.Widgets declares a Widget: a missing assembly's Widget<T> may sit beside it.
        Verify.NoFinding(Id, """
            using Demo.Widgets;

            namespace Demo;

            public static class Factory
            {
                public static object Make() => new Widget<int>();
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = Project,
            ["src/Lib/Widgets/Widget.cs"] = "namespace Demo.Widgets; public sealed class Widget { }",
        });
    }

    [Fact]
    public void NoFinding_UsingThatDeclaresAnAttributeSpelledLikeTheUnresolvedOne()
    {
        Verify.NoFinding(Id, """
            using Demo.Testing;

            namespace Demo;

            public sealed class Tests
            {
                [Fact(DisplayName = Missing.Reason)]
                public void Works() { }
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = Project,
            ["src/Lib/Testing/FactAttribute.cs"] = "namespace Demo.Testing; public sealed class FactAttribute : System.Attribute { public FactAttribute(int x) { } }",
        });
    }

    [Fact]
    public void NoFinding_UsingWhoseNamespaceDeclaresAnExtensionMethodOfAnUnresolvedCall()
    {
        // The receiver does not resolve, so the compiler never looked for Shout: the using may be what serves it.
        Verify.NoFinding(Id, """
            using Demo.Extensions;

            namespace Demo;

            public static class Speaker
            {
                public static string Speak(Missing.Voice voice) => voice.Name.Shout();
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = Project,
            ["src/Lib/Extensions/StringExtensions.cs"] = "namespace Demo.Extensions; public static class StringExtensions { public static string Shout(this string s) => s; }",
        });
    }

    [Fact]
    public void Flags_UsingWhoseExtensionMethodsNoUnresolvedCallSpells()
    {
        Verify.Flags(Id, """
            [|using Demo.Extensions;

            namespace Demo;

            public static class Speaker
            {
                public static string Speak(Missing.Voice voice) => voice.Name.Whisper();
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = Project,
            ["src/Lib/Extensions/StringExtensions.cs"] = "namespace Demo.Extensions; public static class StringExtensions { public static string Shout(this string s) => s; }",
        });
    }

    [Fact]
    public void Flags_UsingImportedByImplicitUsings_EvenWhenANameDoesNotResolve()
    {
        // Action is in System too: a name of System would be served by the global using anyway.
        Verify.Flags(Id, """
            [|using System;

            namespace Demo;

            public static class Numbers
            {
                public static Action Make(Widget widget) => () => { };
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""",
        });
    }

    [Fact]
    public void StaticAndAliasUsings_FollowTheSameReasoning()
    {
        // 'Max' may be Math.Max through 'using static'; 'Sb' is named nowhere.
        Verify.Flags(Id, """
            using static System.Math;
            [|using static System.Console;
            [|using Sb = System.Text.StringBuilder;

            namespace Demo;

            public static class Numbers
            {
                public static int Largest(Missing.Values values) => Max(values.First, values.Second);
            }
            """);
    }

    [Fact]
    public void NoFinding_UsingNeededOnlyInConditionalCode()
    {
        Verify.NoFinding(Id, """
            using System.Text;

            namespace Demo;

            public static class Builder
            {
            #if LEGACY
                public static StringBuilder Make() => new();
            #endif
            }
            """);
    }

    [Fact]
    public void Flags_UsingThatNoInactiveRegionNeeds()
    {
        Verify.Flags(Id, """
            using System.Text;
            [|using System.Net;

            namespace Demo;

            public static class Builder
            {
            #if LEGACY
                public static StringBuilder Make() => new();
            #endif
            }
            """);
    }

    [Fact]
    public void NoFinding_UsedUsings_ExtensionMethods_Crefs_Attributes_And_ContextTypes()
    {
        Verify.NoFinding(Id, """
            using System.Diagnostics;
            using System.Linq;
            using System.Text;
            using Demo.Models;

            namespace Demo;

            /// <summary>Uses <see cref="StringBuilder"/> in its docs only.</summary>
            [DebuggerDisplay("{Name}")]
            public sealed class Report
            {
                public string Name { get; } = "";

                public int Total(int[] values) => values.Sum();

                public Order? Last { get; set; }
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = Project,
            ["src/Lib/Models/Order.cs"] = "namespace Demo.Models; public sealed class Order { }",
        });
    }

    [Fact]
    public void NoFinding_GlobalUsing()
    {
        Verify.NoFinding(Id, """
            global using System.Text;

            namespace Demo;

            public static class Empty
            {
            }
            """);
    }

    [Fact]
    public void NoFinding_WhenSuppressedByPragma()
    {
        Verify.NoFinding(Id, """
            #pragma warning disable RBCS401
            using System.Text;
            #pragma warning restore RBCS401

            namespace Demo;

            public static class Empty
            {
            }
            """);
    }

    private static Dictionary<string, string> LibraryExtendingAPackageNamespace(string packages) => new()
    {
        ["src/Lib/Lib.csproj"] = $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{packages}</ItemGroup></Project>""",
        ["src/Lib/ServiceCollectionExtensions.cs"] = "namespace Microsoft.Extensions.DependencyInjection; public static class ServiceCollectionExtensions { public static int AddLib(this string services) => 1; }",
    };

    private const string UsesAPackageType = """
        using Microsoft.Extensions.DependencyInjection;

        namespace Lib;

        public sealed class Behavior
        {
            public ServiceLifetime Lifetime { get; init; }
        }
        """;

    [Fact]
    public void NoFinding_NamespaceTheLibraryExtends_WhenAPackageOfThatFamilyMayDeclareTheMissingType()
    {
        // The library declares types in the package's namespace: it is known, but ServiceLifetime is the package's.
        Verify.NoFinding(Id, UsesAPackageType, repository: LibraryExtendingAPackageNamespace(
            """<PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="8.0.0" />"""));
    }

    [Fact]
    public void Flags_NamespaceTheLibraryExtends_WhenNoPackageMayAddToIt()
    {
        Verify.Flags(Id, "[|" + UsesAPackageType.TrimStart(), repository: LibraryExtendingAPackageNamespace(
            """<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />"""));
    }
}
