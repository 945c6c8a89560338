using ReviewBot.Engine.Analysis;
using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class UnusedVariableTests
{
    private const string Id = "RBPY402";

    [Fact]
    public void UnusedModuleLogger_InATestModule_IsFlagged_OneATestReadsIsNot()
    {
        var finding = Assert.Single(Findings(Id, """
            import logging
            import unittest
            LOG = logging.getLogger(__name__)
            class TestEvacuate(unittest.TestCase):
                def test_evacuate(self):
                    self.assertTrue(True)
            """, "nova/tests/test_evacuate.py"));
        Assert.Equal(3, finding.StartLine);
        Assert.Equal("The module logger 'LOG' is created but never used.", finding.Message);
        Assert.Empty(Lines(Id, """
            import logging
            LOG = logging.getLogger(__name__)
            def test_evacuate():
                LOG.info("evacuating")
            """, "nova/tests/test_evacuate.py"));
    }

    [Fact]
    public void UnusedModuleLogger_InALibraryModule_IsFlaggedOnlyWhenNoOtherFileImportsIt()
    {
        const string Source = "import logging\nLOG = logging.getLogger(__name__)\n\ndef evacuate():\n    return 1\n";
        AnalysisContext With(string other) => InRepository(new() { ["nova/worker.py"] = Source, ["nova/api.py"] = other });

        Assert.Equal([2], Lines(Id, Source, "nova/worker.py", With("import os\n")));
        Assert.Empty(Lines(Id, Source, "nova/worker.py", With("from nova.worker import (\n    evacuate,\n    LOG as worker_log,\n)\n")));
        Assert.Empty(Lines(Id, Source, "nova/worker.py", With("from .worker import LOG\n")));
        Assert.Empty(Lines(Id, Source, "nova/worker.py"));
        Assert.Empty(Lines(Id, Source.Replace("LOG = ", "__all__ = ['LOG']\nLOG = ", StringComparison.Ordinal), "nova/worker.py", With("import os\n")));
    }

    [Fact]
    public void UnusedWithTarget_IsFlaggedWithASuggestion_AUsedOrUnpackedOneIsNot()
    {
        var finding = Assert.Single(Findings(Id, """
            def evacuate(path, lock):
                with open(path) as handle:
                    pass
                with lock as held, open(path) as log:
                    print(log, held)
                with open(path) as (first, second):
                    pass
            """));
        Assert.Equal(2, finding.StartLine);
        Assert.Equal("The context manager's value is bound to 'handle', which is never used.", finding.Message);
        Assert.Equal("    with open(path):", finding.Suggestion!.Replacement);
    }

    [Fact]
    public void FlagsAssignedNeverReadLocalWithSuggestion()
    {
        var finding = Assert.Single(Findings(Id, """
            def evacuate(server):
                result = server.evacuate()
                return True
            """));
        Assert.Equal(2, finding.StartLine);
        Assert.Equal("The local variable 'result' is assigned but never used.", finding.Message);
        Assert.Equal("    server.evacuate()", finding.Suggestion!.Replacement);
    }

    [Fact]
    public void FlagsLastAssignmentOfRebindedName() => Assert.Equal([3], Lines(Id, """
        def f():
            x = 1
            x = 2
        """));

    [Fact]
    public void FlagsAnnotatedAssignmentWithValueAndUnusedExceptionName() => Assert.Equal([2, 5], Lines(Id, """
        def f():
            x: int = 1
            try:
                pass
            except ValueError as e:
                pass
        """));

    [Fact]
    public void FlagsLiteralTupleUnpackingAndExceptionNameUnusedInItsHandler() => Assert.Equal([2, 6], Lines(Id, """
        def f(e):
            head, tail = 1, 2
            print(tail)
            try:
                pass
            except ValueError as e:
                pass
            return e
        """));

    [Fact]
    public void FlagsInLambdaFreeMethod() => Assert.Equal([3], Lines(Id, """
        class C:
            def m(self):
                y = self.x
        """));

    [Fact]
    public void NoFinding_TupleUnpackingUnderscoreAndLocals() => Assert.Empty(Lines(Id, """
        def f(pair):
            a, b = pair
            _ = compute()
            def g():
                z = 1
                return locals()
            return g
        """));

    [Fact]
    public void NoFinding_ModuleAndClassLevelAssignments() => Assert.Empty(Lines(Id, """
        X = 1
        class C:
            y = 2
        """));

    [Fact]
    public void NoFinding_UsedByClosureOrNonlocalOrGlobal() => Assert.Empty(Lines(Id, """
        def f():
            x = 1
            count = 0
            def g():
                nonlocal count
                count = 2
                return x
            return g
        def h():
            global G
            G = 1
        """));

    [Fact]
    public void NoFinding_AugmentedAssignmentReadsAndLoopTargets() => Assert.Empty(Lines(Id, """
        def f(items):
            total = 0
            total += 1
            for item in items:
                pass
        """));

    [Fact]
    public void NoFinding_UsedInComprehensionAndFString() => Assert.Empty(Lines(Id, """
        def f():
            n = 3
            m = 4
            return [i * n for i in range(2)], f"{m}"
        """));

    [Fact]
    public void NoFinding_ComprehensionAndLambdaScopesWalrusDelAndAll() => Assert.Empty(Lines(Id, """
        __all__ = ["f"]
        def f(xs):
            squares = [y for x in xs if (y := x * x)]
            pairs = {k: v for k, v in xs}
            key = lambda item: item[0]
            gone = 1
            del gone
            return sorted(pairs, key=key), squares
        """));

    [Fact]
    public void FlagsOnlyTheFunctionScopeNotTheComprehensionOrClassBody() => Assert.Equal([6], Lines(Id, """
        class C:
            unused_attribute = 1
            def m(self, xs):
                total = sum(x for x in xs)
                print(total)
                leftover = [x for x in xs]
        """));

    [Fact]
    public void UnusedExceptionNameSuggestionDropsTheName()
    {
        var finding = Assert.Single(Findings(Id, """
            def f():
                try:
                    run()
                except (ValueError, TypeError) as error:  # keep going
                    pass
            """));
        Assert.Equal("    except (ValueError, TypeError):  # keep going", finding.Suggestion!.Replacement);
    }

    [Fact]
    public void NoFinding_LocalsReadByVarsOrEval() => Assert.Empty(Lines(Id, """
        def f():
            x = 1
            return vars()
        def g():
            y = 2
            return eval("y + 1")
        """));

    [Fact]
    public void NoFinding_Noqa() => Assert.Empty(Lines(Id, """
        def f():
            x = 1  # noqa: F841
        """));
}
