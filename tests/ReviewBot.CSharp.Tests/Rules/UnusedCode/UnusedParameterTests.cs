namespace ReviewBot.CSharp.Tests.Rules.UnusedCode;

public sealed class UnusedParameterTests
{
    private const string Id = "RBCS404";

    [Fact]
    public void Flags_UnusedParametersOfPrivateMethods()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Pricing
            {
                public decimal Price(decimal amount) => Total(amount, 0.1m) + Scale(amount, 2);

                private static decimal Total(decimal amount, decimal [|discount) => amount;

                private decimal Scale(decimal amount, int [|factor)
                {
                    return amount;
                }
            }
            """);
        Assert.Equal("Parameter 'discount' of private method 'Total' is never used; remove it and its argument at the call sites.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_PublicMethods_Delegates_EventHandlers_Throwers_Discards()
    {
        Verify.NoFinding(Id, """
            using System;

            namespace Demo;

            public sealed class Pricing
            {
                public decimal Price(decimal amount, decimal unused) => amount;

                public Func<int, int> Get() => Callback;

                private static int Callback(int value) => 0;

                private void OnClick(object sender, EventArgs e) { }

                private static int NotYet(int value) => throw new NotSupportedException();

                private static int Ignore(int _, int _second) => 0;

                private static int Used(int value) => nameof(value).Length + Unknown.Get(value);

                public int Call() => Ignore(1, 2) + Used(3) + NotYet(4);

                public void Wire(Action<object, EventArgs> handler) => handler(this, EventArgs.Empty);

                public void Hook() => Wire(OnClick);
            }
            """);
    }

    [Fact]
    public void OnlyAParameterSpelledInAnInactiveRegion_StaysSilent()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public sealed class Formatter
            {
                public string Run() => Format(1, 2);

                private static string Format(int [|width, int precision)
                {
            #if LEGACY
                    return precision.ToString();
            #else
                    return "";
            #endif
                }

                // Another method's inactive region does not make 'size' used here.
                private static string Pad(int [|size) => "";

                public string Both() => Pad(1) + Sized(2);

                private static string Sized(int count)
                {
            #if LEGACY
                    return new string(' ', size);
            #else
                    return new string(' ', count);
            #endif
                }
            }
            """);
    }

    [Fact]
    public void PartialTypes_FlagUnlessAnotherPartUsesTheMethodAsADelegate()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public sealed partial class Converter
            {
                public int Run() => Convert(1, 2) + Handle(3, 4);

                private static int Convert(int value, int [|unused) => value;

                private static int Handle(int value, int spare) => value;
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Lib.csproj"] = """<Project Sdk="Microsoft.NET.Sdk" />""",
            ["src/Lib/Converter.Wiring.cs"] = "namespace Demo; public sealed partial class Converter { public System.Func<int, int, int> Handler => Handle; }",
        });
    }
}
