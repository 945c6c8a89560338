using ReviewBot.Engine.Analysis;
using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class DocumentationRuleTests
{
    private const string Undocumented = """
        import logging

        class Scheduler:
            def select_host(self, server):
                pass
            def _weigh(self, host):
                pass
            def __repr__(self):
                return "Scheduler"

        def evacuate(server):
            pass

        def _helper():
            pass
        """;

    [Fact]
    public void MethodsOfClassesWithBuiltinBases_AreReportedUnlessTheBuiltinDefinesThem()
    {
        const string Source = """"
            """Errors."""
            import enum
            from typing import NamedTuple
            from .compat import ConnectionError
            class EvacuationError(Exception):
                """Evacuation failed."""
                def __str__(self):
                    return "failed"
                def with_traceback(self, tb):
                    return self
                def host_name(self):
                    return self.args[0]
            class Hosts(dict):
                """Hosts by name."""
                def update(self, other):
                    pass
                def enabled(self):
                    return []
            class Point(NamedTuple):
                """A point."""
                x: int
                def _replace(self, **kw):
                    pass
                def norm(self):
                    return 0
            class Color(enum.Enum):
                """A colour."""
                RED = 1
                def describe(self):
                    return self.name
            class Refused(ConnectionError):
                """Rebinds a builtin's name: its own base may define anything."""
                def retry(self):
                    pass
            """";
        Assert.Equal(
            ["EvacuationError.host_name", "Hosts.enabled", "Point.norm", "Color.describe"],
            Findings("RBPY304", Source, "nova/errors.py").Select(f => f.Message.Split('\'')[1]));
    }

    [Fact]
    public void MethodsOfABaseDefinedInAnotherFileOfTheRepository_AreLookedUpThere()
    {
        const string Source = """"
            """Drivers."""
            from nova.virt.driver import ComputeDriver, Wrapped
            from oslo_service import Service
            class FakeDriver(ComputeDriver):
                """A fake."""
                def spawn(self, instance):
                    pass
                def evacuate_all(self):
                    pass
                def inherited(self):
                    pass
            class Wrapper(Wrapped):
                """Its base's header spans lines, and names Base."""
                def inherited(self):
                    pass
                def wrap(self):
                    pass
            class Worker(Service):
                """Outside the repository: its base may define anything."""
                def start(self):
                    pass
            """";
        var context = InRepository(new()
        {
            ["nova/virt/fake.py"] = Source,
            ["nova/virt/driver.py"] = "class Base:\n    def inherited(self):\n        pass\n\n\nclass ComputeDriver(Base):\n    HELP = \"\"\"\nA help text at column 0.\n\"\"\"\n\n    def spawn(self, instance):\n        raise NotImplementedError\n\n    # def evacuate_all(self): a comment, not a method\n\n\nclass Wrapped(\n        Base):\n    pass\n",
        });
        Assert.Equal(["FakeDriver.evacuate_all", "Wrapper.wrap"], Findings("RBPY304", Source, "nova/virt/fake.py", context).Select(f => f.Message.Split('\'')[1]));
        Assert.Empty(Findings("RBPY304", Source, "nova/virt/fake.py"));
    }

    [Fact]
    public void FlagsModuleClassFunctionAndMethodWithoutDocstrings()
    {
        Assert.Equal([1], Lines("RBPY301", Undocumented, "nova/compute/evacuate.py"));
        Assert.Equal([3], Lines("RBPY302", Undocumented, "nova/compute/evacuate.py"));
        Assert.Equal([11], Lines("RBPY303", Undocumented, "nova/compute/evacuate.py"));
        var method = Assert.Single(Findings("RBPY304", Undocumented, "nova/compute/evacuate.py"));
        Assert.Equal((4, 9), (method.StartLine, method.StartColumn));
        Assert.Equal("The public method 'Scheduler.select_host' has no docstring.", method.Message);
        Assert.Equal("The module 'evacuate' has no docstring.", Assert.Single(Findings("RBPY301", Undocumented, "nova/compute/evacuate.py")).Message);
    }

    [Theory]
    [InlineData("nova/tests/unit/test_evacuate.py")]
    [InlineData("nova/compute/evacuate_test.py")]
    [InlineData("nova/compute/evacuate.pyi")]
    public void NoFinding_TestsAndStubs(string path)
    {
        foreach (var id in new[] { "RBPY301", "RBPY302", "RBPY303", "RBPY304" }) Assert.Empty(Lines(id, Undocumented, path));
    }

    [Fact]
    public void TestsAreDocumentedWhenConfigured()
    {
        var context = new AnalysisContext { Thresholds = new AnalysisThresholds { DocumentTests = true } };
        Assert.Equal([11], Lines("RBPY303", Undocumented, "nova/tests/test_evacuate.py", context));
    }

    [Fact]
    public void NoFinding_DocumentedPrivateOverriddenAndExcludedNames() => Assert.Empty(
        new[] { "RBPY301", "RBPY302", "RBPY303", "RBPY304" }.SelectMany(id => Lines(id, """
            '''Evacuation.'''
            import threading
            from typing import overload
            __all__ = ["Scheduler", "evacuate"]

            class Scheduler:
                '''Picks hosts.'''
                def select_host(self, server):
                    '''Select.'''
                @property
                def size(self):
                    '''Size.'''
                @size.setter
                def size(self, value):
                    pass

            class Weigher(Scheduler):
                '''Weighs.'''
                def select_host(self, server):
                    pass

            class Worker(threading.Thread):
                '''Works.'''
                def run(self):
                    pass

            class _Private:
                def method(self):
                    pass

            def evacuate():
                '''Evacuate.'''
                def inner():
                    pass

            @overload
            def evacuate(x: int): ...

            def not_exported():
                pass
            """, "nova/compute/evacuate.py")));

    [Fact]
    public void NoFinding_PrivateModuleAndPackageInit()
    {
        Assert.Empty(Lines("RBPY301", "x = 1\n", "nova/_private.py"));
        Assert.Empty(Lines("RBPY301", "x = 1\n", "nova/__init__.py"));
        Assert.Empty(Lines("RBPY301", "", "nova/empty.py"));
    }
}
