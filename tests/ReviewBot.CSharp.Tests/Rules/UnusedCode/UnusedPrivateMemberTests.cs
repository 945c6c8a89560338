namespace ReviewBot.CSharp.Tests.Rules.UnusedCode;

public sealed class UnusedPrivateMemberTests
{
    private const string Id = "RBCS403";

    [Fact]
    public void Flags_UnreferencedPrivateMethodsFieldsAndProperties()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Cart
            {
                private readonly int [|_legacyLimit = 10;
                private const int [|MaxItems = 5;
                private int [|Hidden { get; set; }

                private static decimal [|OldTotal(decimal price) => price * 1.2m;

                public int Count() => 1;
            }
            """);
        Assert.Equal("Private field '_legacyLimit' is never used in 'Cart'; remove it.", findings[0].Message);
        Assert.Equal((5, ""), (findings[0].Suggestion!.StartLine, findings[0].Suggestion!.Replacement));
        Assert.Contains("Private method 'OldTotal'", findings[3].Message);
    }

    [Fact]
    public void Flags_PrivateMethod_WhoseNameIsOnlyUsedForAnotherTypesMember()
    {
        Verify.Flags(Id, """
            using System.Collections.Generic;

            namespace Demo;

            public sealed class Tokenizer
            {
                private readonly List<int> _tokens = new();

                private void [|Add(int token) => _tokens.Add(token);

                public int Run()
                {
                    _tokens.Add(1);
                    return _tokens.Count;
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_PrivateExtensionMethodsCalledAsExtensions()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.Collections.Generic;

            namespace Demo;

            public static class Registrar
            {
                public static int Count(Type type, IList<int> list)
                {
                    list.Fill(3);
                    return type.IsOpenGeneric() ? list.Count : 0;
                }

                private static bool IsOpenGeneric(this Type type) => type.IsGenericTypeDefinition;

                private static void Fill<T>(this IList<T> list, T value)
                {
                    if (!list.Contains(value)) list.Add(value);
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_MemberUsedThroughAnotherInstanceOfTheType()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Money
            {
                private readonly decimal _amount;

                public Money(decimal amount) => this._amount = amount;

                public bool Same(Money other) => other._amount == 0m;
            }
            """);
    }

    [Fact]
    public void NoFinding_ReferencedMembers_NestedTypeAccess_NameofAndWriteOnlyFields()
    {
        Verify.NoFinding(Id, """
            using System;

            namespace Demo;

            public sealed class Cart
            {
                private int _count;
                private readonly int _assignedOnly;
                private const string Name = "cart";

                public Cart() { _assignedOnly = 1; }

                public int Count() => _count + Helper();

                private int Helper() => Nested.Value;

                private static void Callback() { }

                public Action Get() => Callback;

                public string Describe() => nameof(Describe) + Name;

                private static int Recursive(int n) => n == 0 ? 0 : Recursive(n - 1);

                public int Call() => Recursive(3);

                private sealed class Nested
                {
                    public static int Value => Outer();

                    private static int Outer() => 1;
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_PartialTypes_AttributesReflectionMainAndUnresolvedBases()
    {
        Verify.NoFinding(Id, """
            using System;
            using System.Runtime.InteropServices;

            namespace Demo;

            public sealed partial class View
            {
                private void OnClick() { }
            }

            public sealed class Program
            {
                private static void Main() { }

                [Obsolete]
                private static void Marked() { }

                private static void ByReflection() { }

                public static object? Find() => typeof(Program).GetMethod("ByReflection");
            }

            public sealed class Player : UnityEngine.MonoBehaviour
            {
                private void Update() { }
            }

            [StructLayout(LayoutKind.Sequential)]
            public struct Native
            {
                private int _reserved;
            }
            """);
    }

    [Fact]
    public void Flags_UnusedFieldAndProperty_OfATypeWithUnresolvedBase_ButNotItsMethods()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public sealed class Player : UnityEngine.MonoBehaviour
            {
                private int [|_score;
                private string [|Label { get; set; } = "";

                private void Update() { }
            }
            """);
    }

    [Fact]
    public void OnlyAMemberSpelledInAnInactiveRegion_StaysSilent()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public sealed class Clock
            {
                private static int [|Unused() => 1;

                private static int Legacy() => 2;

            #if NETFRAMEWORK
                public static int Now() => Legacy();
            #endif
            }
            """);
    }

    [Fact]
    public void NoFinding_InATypeThatFindsItsOwnMethodsByReflection_ButInItsNeighbour()
    {
        Verify.Flags(Id, """
            using System.Linq;
            using System.Reflection;
            using System.Text.RegularExpressions;

            namespace Demo;

            public sealed class ConventionTests
            {
                public int Count() => typeof(ConventionTests).GetRuntimeMethods().Count(m => Regex.IsMatch(m.Name, "Check\\d"));

                private void Check0() { }

                private void Check1() { }
            }

            public sealed class Other
            {
                public int Count() => typeof(ConventionTests).GetRuntimeMethods().Count();

                private void [|Check2() { }
            }
            """);
    }
}
