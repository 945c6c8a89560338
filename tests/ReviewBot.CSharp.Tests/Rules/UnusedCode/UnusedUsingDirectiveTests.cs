namespace ReviewBot.CSharp.Tests.Rules.UnusedCode;

public sealed class UnusedUsingDirectiveTests
{
    private const string Id = "RBCS401";

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
    public void NoFinding_UsingOfUnresolvedNamespace_FromANuGetPackage()
    {
        Verify.NoFinding(Id, """
            using Newtonsoft.Json;
            using System.Text;

            namespace Demo;

            public static class Serializer
            {
                public static string Write(object value) => JsonConvert.SerializeObject(value);
            }
            """);
    }

    [Fact]
    public void NoFinding_AnyUsing_WhenAnotherNameDoesNotResolve()
    {
        // 'Widget' may come from either namespace: neither using is provably unused.
        Verify.NoFinding(Id, """
            using System.Text;
            using System.Net;

            namespace Demo;

            public static class Factory
            {
                public static object Make() => new Widget();
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
}
