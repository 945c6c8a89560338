namespace ReviewBot.CSharp.Tests.Rules.Naming;

public sealed class NonPascalCaseMethodNameTests
{
    private const string Id = "RBCS201";

    [Fact]
    public void Flags_SnakeCase_CamelCase_And_ScreamingCase()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Store
            {
                private int _value;

                public int [|get_value() => _value;

                private void [|loadSettings()
                {
                }

                public static void [|RESET_ALL()
                {
                }
            }
            """);
        Assert.Equal("Method 'get_value' is named in snake_case; .NET methods use PascalCase ('GetValue').", findings[0].Message);
        Assert.Contains("camelCase", findings[1].Message);
        Assert.Contains("'ResetAll'", findings[2].Message);
        Assert.Null(findings[0].Suggestion);
    }

    [Fact]
    public void Flags_TheDeclarationsButNotOverridesOrImplementations()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public interface IVisitor
            {
                void [|visit_node(int node);
                void [|visitLeaf(int leaf);
            }

            public abstract class Base
            {
                protected abstract void [|on_start();
            }

            public sealed class Visitor : Base, IVisitor
            {
                public void visit_node(int node) { }
                void IVisitor.visitLeaf(int leaf) { }
                protected override void on_start() { }
            }
            """);
    }

    [Fact]
    public void NoFinding_OverrideOfBaseWithNonStandardName()
    {
        // The base class is not ours (it would be flagged where it is declared); the override has no choice.
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Handler : Legacy.Base
            {
                protected override void on_message(string text) { }
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Legacy.cs"] = "namespace Legacy; public abstract class Base { protected abstract void on_message(string text); }",
        });
    }

    [Fact]
    public void NoFinding_ImplicitInterfaceImplementation_OfInterfaceInContext()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Visitor : Legacy.IVisitor
            {
                public void visit_node(int node) { }
            }
            """, repository: new Dictionary<string, string>
        {
            ["src/Lib/Legacy.cs"] = "namespace Legacy; public interface IVisitor { void visit_node(int node); }",
        });
    }

    [Fact]
    public void NoFinding_TypeWithUnresolvedBase_MayImplementWhatWeCannotSee()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Behaviour : UnityEngine.MonoBehaviour
            {
                public void on_trigger(int value) { }
            }
            """);
    }

    [Fact]
    public void Flags_PrivateMethodOfATypeWithUnresolvedBase_WhichCannotImplementAnInterface()
    {
        Verify.Flags(Id, """
            namespace Demo;

            public sealed class Behaviour : UnityEngine.MonoBehaviour
            {
                public void on_trigger(int value) => compute_score(value);

                private int [|compute_score(int value) => value;
            }
            """);
    }

    [Fact]
    public void NoFinding_ExternPartialTestAndMixedNames()
    {
        Verify.NoFinding(Id, """
            using System.Runtime.InteropServices;

            namespace Demo;

            public sealed partial class Native
            {
                [DllImport("libc")]
                private static extern int getpid();

                [LibraryImport("libc")]
                private static partial int getppid();

                private void button1_Click(object sender, System.EventArgs e) { }

                public void Get_Value_When_Empty() { }

                public void GetHTTPResponse() { }

                public void IO() { }
            }
            """);
    }

    [Fact]
    public void NoFinding_TestMethodsNamedWithUnderscores()
    {
        Verify.NoFinding(Id, """
            namespace Demo.Tests;

            public sealed class StoreTests
            {
                [Xunit.Fact]
                public void get_value_returns_zero_when_empty() { }
            }
            """);
    }

    [Fact]
    public void NoFinding_WhenSuppressed()
    {
        Verify.NoFinding(Id, """
            using System.Diagnostics.CodeAnalysis;

            namespace Demo;

            public sealed class Store
            {
            #pragma warning disable RBCS201
                public int get_value() => 0;
            #pragma warning restore RBCS201

                [SuppressMessage("Naming", "RBCS201:Method name is not PascalCase", Justification = "Python port")]
                public int get_other() => 0;
            }
            """);
    }
}
