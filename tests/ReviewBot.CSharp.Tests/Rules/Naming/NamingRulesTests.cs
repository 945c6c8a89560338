namespace ReviewBot.CSharp.Tests.Rules.Naming;

public sealed class NonPascalCaseTypeNameTests
{
    private const string Id = "RBCS202";

    [Fact]
    public void Flags_TypesNamedInOtherStyles()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class [|order_line { }
            public enum [|paymentState { Open, Paid }
            public delegate void [|on_change();
            public record [|HTTP_RESULT(int Code);
            """);
        Assert.Equal("Class 'order_line' is named in snake_case; .NET types use PascalCase ('OrderLine').", findings[0].Message);
        Assert.StartsWith("Enum 'paymentState'", findings[1].Message);
    }

    [Fact]
    public void NoFinding_PascalCaseAcronymsAndInterop()
    {
        Verify.NoFinding(Id, """
            using System.Runtime.InteropServices;

            namespace Demo;

            public sealed class OrderLine { }
            public sealed class IO { }
            public sealed class HTTPClient { }
            public sealed class Order_Line_V2 { }

            [StructLayout(LayoutKind.Sequential)]
            public struct POINT_DATA
            {
                [StructLayout(LayoutKind.Sequential)]
                public struct inner_data { }
            }
            """);
    }
}

public sealed class NonPascalCaseMemberNameTests
{
    private const string Id = "RBCS203";

    [Fact]
    public void Flags_PropertiesConstantsEventsEnumMembersAndPublicFields()
    {
        var findings = Verify.Flags(Id, """
            using System;

            namespace Demo;

            public sealed class Settings
            {
                public const int [|MAX_RETRIES = 3;
                private const string [|defaultName = "x";
                public string [|first_name { get; set; } = "";
                public event EventHandler? [|changed;
                public int [|count;
                private int _hidden;

                public int Hidden() => _hidden;
            }

            public enum Color { Red, [|dark_blue }
            """);
        Assert.Equal("Constant 'MAX_RETRIES' is named in SCREAMING_CASE; .NET uses PascalCase here ('MaxRetries').", findings[0].Message);
    }

    [Fact]
    public void Flags_APropertyNamedLikeAField_ButNotTheFieldsThemselves()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class SchedulerTests
            {
                private readonly int _attempts = 1;
                private int _retries;
                private string [|_scheduler { get; } = "";
                internal event System.EventHandler? [|_changed;

                public int Count() => _attempts + _retries + _scheduler.Length + (_changed is null ? 0 : 1);
            }
            """);
        Assert.Equal("Property '_scheduler' is named with a '_' prefix; .NET uses PascalCase here ('Scheduler').", findings[0].Message);
    }

    [Fact]
    public void NoFinding_ImplementationsOverridesPrivateFieldsAndInterop()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public interface IHasName
            {
                #pragma warning disable RBCS203
                string first_name { get; }
                #pragma warning restore RBCS203
            }

            public sealed class Person : IHasName
            {
                public string first_name => "";
                private int count;
                private readonly int _total;
                public int Sum() => count + _total;
                public override string ToString() => "";
            }

            public static class Native
            {
                public const int WM_PAINT = 0x000F;

                [System.Runtime.InteropServices.DllImport("user32")]
                private static extern int GetTickCount();
            }
            """);
    }
}

public sealed class NonCamelCaseLocalOrParameterTests
{
    private const string Id = "RBCS204";

    [Fact]
    public void Flags_ParametersAndLocalsInOtherStyles()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Shipping
            {
                public int Ship(int [|Order, int [|retry_count)
                {
                    var [|Total = Order + retry_count;
                    foreach (var [|Item in new[] { 1 }) Total += Item;
                    return Total;
                }
            }
            """);
        Assert.Equal("Parameter 'Order' is named in PascalCase; .NET locals and parameters use camelCase ('order').", findings[0].Message);
        Assert.Contains("('retryCount')", findings[1].Message);
    }

    [Fact]
    public void NoFinding_CamelCaseRecordsOverridesConstsAndDiscards()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public record Person(string Name, int Age);

            public abstract class Base
            {
                #pragma warning disable RBCS204
                public abstract int Run(int Count);
                #pragma warning restore RBCS204
            }

            public sealed class Derived : Base
            {
                public override int Run(int Count)
                {
                    const int Limit = 3;
                    var total = Count + Limit;
                    var id = 1;
                    var ID = 2;
                    return total + id + ID;
                }

                public int Use(int _, int value) => value;
            }
            """);
    }
}

public sealed class InconsistentPrivateFieldPrefixTests
{
    private const string Id = "RBCS205";

    [Fact]
    public void Flags_TheMinorityStyle()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Service
            {
                private readonly int _clock;
                private readonly int _logger;
                private int [|retries;

                public int Sum() => _clock + _logger + retries;
            }
            """);
        Assert.Equal("Private field 'retries' is named camelCase while most private fields of this file use _camelCase ('_retries').", findings[0].Message);
    }

    [Fact]
    public void NoFinding_OneStyle_Ties_StaticsAndPublicFields()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Service
            {
                private readonly int _clock;
                private int retries;
                private static int s_count;
                private static readonly int cache = 1;
                public int total;
                private const int limit = 3;

                public int Sum() => _clock + retries + s_count + cache + total + limit;
            }
            """);
    }
}

public sealed class InterfaceWithoutIPrefixTests
{
    private const string Id = "RBCS206";

    [Fact]
    public void Flags_InterfacesWithoutThePrefix()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public interface [|Repository { }
            public interface [|Identity { }
            """);
        Assert.Equal("Interface 'Repository' does not start with 'I'; .NET interfaces are named like 'IRepository'.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_PrefixedInterfacesAndClasses()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public interface IRepository { }
            public interface IO { }
            public sealed class Repository { }
            """);
    }
}
