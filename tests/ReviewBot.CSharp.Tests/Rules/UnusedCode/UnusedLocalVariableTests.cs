using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests.Rules.UnusedCode;

public sealed class UnusedLocalVariableTests
{
    private const string Id = "RBCS402";

    [Fact]
    public void Flags_DeclaredNeverUsed_AndAssignedNeverRead_WithSuggestions()
    {
        var findings = Verify.Flags(Id, """
            using System.Collections.Generic;

            namespace Demo;

            public static class Cart
            {
                public static bool Save(List<int> items)
                {
                    int [|unused;
                    var [|count = 3;
                    var [|result = Store(items);
                    var [|total = 0;
                    total = items.Count;
                    return true;
                }

                private static int Store(List<int> items) => items.Count;
            }
            """);
        Assert.Equal("Local 'unused' is declared but never used; remove it.", findings[0].Message);
        Assert.Equal("Local 'count' is assigned but its value is never read; remove it or discard the value.", findings[1].Message);
        Assert.Equal((10, ""), (findings[1].Suggestion!.StartLine, findings[1].Suggestion!.Replacement));
        Assert.Equal("        _ = Store(items);", findings[2].Suggestion!.Replacement);
        Assert.Null(findings[3].Suggestion);
    }

    [Fact]
    public void NoFinding_UsedLocals_UsingDeclarations_Discards_AndUnresolvedReads()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.IO;

            namespace Demo;

            public static class Files
            {
                public static int Read(string path)
                {
                    using var stream = File.OpenRead(path);
                    var _ignored = stream.Length;
                    var length = 0;
                    length += 1;
                    var name = nameof(path);
                    var captured = 2;
                    Func<int> read = () => captured;
                    var data = Path.GetFileName(path);
                    Unknown.Use(data);
                    var counter = 0;
                    counter++;
                    switch (counter)
                    {
                        case 1:
                            var shared = 1;
                            break;
                        default:
                            shared = 2;
                            length += shared;
                            break;
                    }

                    return length + name.Length + read();
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_InFilesWithConditionalCode()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public static class Trace
            {
                public static void Log(string text)
                {
                    var prefix = "> ";
            #if DEBUG
                    System.Console.WriteLine(prefix + text);
            #endif
                }
            }
            """);
    }

    [Fact]
    public void Flags_UnusedLocal_InAFileWithAnInactiveRegionThatDoesNotSpellIt()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public static class Logger
            {
                public static void Log(string text)
                {
                    var prefix = "> ";
                    var [|suffix = " <";
            #if DEBUG
                    System.Console.WriteLine(prefix + text);
            #endif
                }
            }
            """);
    }

    [Fact]
    public void Flags_LocalAssignedFromAnUnresolvedType_AndNeverRead()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public static class Client
            {
                public static void Send()
                {
                    var [|client = new Missing.HttpThing();
                    var used = new Missing.Other();
                    used.Go();
                }
            }
            """);
    }

    [Fact]
    public void Flags_OutVariableNeverRead_WithADiscardSuggestion()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public static class Parser
            {
                public static bool Valid(string text) => int.TryParse(text, out var [|value);

                public static int Parse(string text, System.Collections.Generic.Dictionary<string, int> map)
                {
                    map.TryGetValue(text, out int [|unused);
                    return int.TryParse(text, out var number) ? number : 0;
                }

                public static void Skip(string text)
                {
                    int.TryParse(text, out _);
                    int.TryParse(text, out var _ignored);
                    if (int.TryParse(text, out var parsed))
                    {
                        System.Action print = () => System.Console.WriteLine(parsed);
                        print();
                    }
                }
            }
            """);
        Assert.Equal("Local 'value' is assigned by an out argument but its value is never read; pass 'out _' instead.", findings[0].Message);
        var suggestion = Assert.IsType<Suggestion>(findings[0].Suggestion);
        Assert.Contains("out _);", suggestion.Replacement, StringComparison.Ordinal);
        Assert.Contains("out int _);", findings[1].Suggestion!.Replacement, StringComparison.Ordinal);
    }
}
