using ReviewBot.Engine.Analysis;
using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class UnusedCodeRuleTests
{
    private static AnalysisContext WithRepository(string source) => InRepository(new() { ["pkg/module.py"] = source, ["pkg/other.py"] = "import os\n" });

    [Fact]
    public void UnusedPrivateFunctionAndMethodAreFlaggedOnlyWithARepositoryToSearch()
    {
        const string source = """
            def _legacy_filter(hosts):
                return hosts
            class Scheduler:
                def _old_weigher(self):
                    pass
                def _used(self):
                    pass
                def select(self):
                    return self._used()
            """;
        var findings = Findings("RBPY403", source, context: WithRepository(source));
        Assert.Equal([1, 4], findings.Select(f => f.StartLine));
        Assert.Empty(Lines("RBPY403", source));
        Assert.Equal("The private function '_legacy_filter' is never used in this module or elsewhere in the repository; remove it.", findings[0].Message);
    }

    [Fact]
    public void NoFinding_ReferencedByNameStringDecoratorOverrideOrOtherFile()
    {
        var source = """
            import threading
            def _called():
                pass
            def _by_getattr():
                pass
            @register
            def _registered():
                pass
            def _imported_by_tests():
                pass
            class Worker(threading.Thread):
                def _bootstrap_inner(self):
                    pass
            _called()
            getattr(module, "_by_getattr")
            """;
        var context = InRepository(new()
        {
            ["pkg/module.py"] = source,
            ["tests/test_module.py"] = "from pkg.module import _imported_by_tests\n",
        });
        Assert.Empty(Lines("RBPY403", source, context: context));
    }

    [Fact]
    public void NoFinding_AFunctionCalledByNameFromCOrCythonInTheRepository_ButAMentionInAnotherKindOfFileDoesNotCount()
    {
        const string Source = "def _strptime_time(data, fmt):\n    return data\n\ndef _legacy(x):\n    return x\n";
        var context = InRepository(new()
        {
            ["Lib/_strptime.py"] = Source,
            ["Modules/timemodule.c"] = "module = PyImport_ImportModule(\"_strptime\");\nfunc = PyObject_GetAttrString(module, \"_strptime_time\");\n",
            ["docs/changes.md"] = "Removed `_legacy`.\n",
        });
        Assert.Equal([4], Lines("RBPY403", Source, "Lib/_strptime.py", context));
    }

    [Fact]
    public void NativeSources_AreReadAfterThePythonFiles_SoTheyNeverCrowdThemOutOfTheContextLimits()
    {
        const string Source = "def _helper(x):\n    return x\n";
        var context = new AnalysisContext
        {
            Limits = FileLimits.Default with { MaxContextFiles = 2 },
            Repository = new InMemorySnapshot(new Dictionary<string, string>
            {
                ["Include/a.h"] = "int a;\n",
                ["Lib/mod.py"] = Source,
                ["Lib/user.py"] = "from mod import _helper\n",
            }),
        };
        Assert.Empty(Lines("RBPY403", Source, "Lib/mod.py", context));
    }

    [Fact]
    public void NoFinding_NamesDispatchedByAStringPrefixInTheModuleOrAnotherFile()
    {
        const string source = """
            class Generator:
                def dispatch(self, kind):
                    meth = getattr(self, '_handle_' + kind, None)
                    conflict = getattr(self, '_resolve_%s' % self.mode)
                    return getattr(self, f"_visit_{kind}")
                def _handle_text(self):
                    pass
                def _resolve_error(self):
                    pass
                def _visit_node(self):
                    pass
                def _get_filter(self):
                    pass
                def _render_old(self):
                    pass
            """;
        var context = InRepository(new()
        {
            ["pkg/module.py"] = source,
            ["pkg/compat.py"] = "def defproperty(klass, name):\n    get = getattr(klass, (\"_get_\" + name))\n",
        });
        var finding = Assert.Single(Findings("RBPY403", source, context: context));
        Assert.Equal(14, finding.StartLine);
        Assert.Contains("'_render_old'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFinding_HooksCalledWithoutTheirName()
    {
        const string source = """"
            class Parser:
                def _on_start(self):
                    pass
            def _typevar_subst(self, arg):
                return arg
            def _slotnames(cls):
                return []
            def _make_union(left, right):
                """Used from the C implementation of TypeVar."""
                return left | right
            # Private utility function called by _PyErr_WarnUnawaited
            def _warn_unawaited(coro):
                pass
            def _bless_my_loader(module_globals):
                """Helper function for _warnings.c"""
            # Internal method used for reentrancy checks

            def _recursion_count():
                return 0
            def _reset_for_tests():
                pass
            def _write_long(f, x):
                f.write(x)
            class Holder:
                def __forget(self):
                    pass
                def __kept(self):
                    pass
                def run(self):
                    self.__kept()
            """";
        var context = InRepository(new()
        {
            ["pkg/module.py"] = source,
            ["pkg/html.py"] = "from pkg.module import Parser\nclass HTMLParser(module.Parser):\n    pass\n",
        });
        Assert.Equal([22, 25], Lines("RBPY403", source, context: context));
    }

    [Fact]
    public void UnclosedSetUpResourceIsFlagged()
    {
        var finding = Assert.Single(Findings("RBPY404", """
            import tempfile, unittest
            class TestLog(unittest.TestCase):
                def setUp(self):
                    self.log = open(self.path, "w")
                    self.tmp = tempfile.mkdtemp()
                    self.addCleanup(shutil.rmtree, self.tmp)
            """, "tests/test_log.py"));
        Assert.Equal(4, finding.StartLine);
        Assert.Equal("The resource 'self.log' opened with 'open' in setUp is never closed; add self.addCleanup(self.log.close) right after opening it.", finding.Message);
    }

    [Fact]
    public void NoFinding_ResourceClosedInTearDownOrNotATestClass() => Assert.Empty(Lines("RBPY404", """
        class TestLog(unittest.TestCase):
            def setUp(self):
                self.log = open(self.path, "w")
            def tearDown(self):
                self.log.close()
        class Reader:
            def setUp(self):
                self.handle = open(self.path)
        """, "tests/test_log.py"));
}
