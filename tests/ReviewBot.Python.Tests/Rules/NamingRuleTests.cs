using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class NamingRuleTests
{
    [Fact]
    public void MixedCaseMethodInSnakeCaseFileIsFlaggedWithTheSnakeName()
    {
        var finding = Assert.Single(Findings("RBPY201", """
            import unittest
            class TestEvacuation(unittest.TestCase):
                def setUp(self):
                    self.api = None
                def _create_server(self):
                    pass
                def _wait_for_state(self):
                    pass
                def evacuateServer(self):
                    pass
                def test_parallel_evacuate(self):
                    self.assertEqual(1, 1)
            """));
        Assert.Equal((9, 9), (finding.StartLine, finding.StartColumn));
        Assert.Equal("The method 'evacuateServer' is mixedCase while 3 other function names in this file are snake_case; rename it 'evacuate_server'.", finding.Message);
    }

    [Fact]
    public void OnlyTheBaseMethodIsFlagged_ApiNamesOverridesHandlersAndAllAreNot() => Assert.Equal([4], Lines("RBPY201", """
        import ast, unittest
        __all__ = ["makeSuite"]
        class Base:
            def getValue(self):
                pass
        class Child(Base):
            def getValue(self):
                return 1
        class Visitor(ast.NodeVisitor):
            def visitNode(self, node):
                pass
        class T(unittest.TestCase):
            def setUp(self):
                pass
            def tearDownClass(cls):
                pass
            def assertServerActive(self):
                pass
            def visit_FunctionDef(self):
                pass
            def do_GET(self):
                pass
        def makeSuite():
            pass
        def first_helper():
            pass
        def second_helper():
            pass
        def third_helper():
            pass
        """));

    [Fact]
    public void MixedCaseMethod_AmongOneWordAndSnakeCaseNames_IsFlagged_TheUnittestApiIsNot()
    {
        var finding = Assert.Single(Findings("RBPY201", """
            from nova import test
            class TestParallelEvacuation(test.TestCase):
                def setUp(self):
                    pass
                def runTest(self):
                    pass
                def asyncSetUp(self):
                    pass
                def compute(self):
                    pass
                def test_parallel_evacuate(self):
                    pass
                def checkServerState(self):
                    pass
            """, "nova/tests/functional/test_evacuate.py"));
        Assert.Equal(13, finding.StartLine);
        Assert.Equal("The method 'checkServerState' is mixedCase while 2 other function names in this file are snake_case; rename it 'check_server_state'.", finding.Message);
    }

    [Fact]
    public void NoFinding_OneWordNamesTieWithMixedCase() => Assert.Empty(Lines("RBPY201", """
        def run():
            pass
        def getValue():
            pass
        """));

    [Fact]
    public void NoFinding_CamelCaseDominantFile() => Assert.Empty(Lines("RBPY201", """
        def getValue():
            pass
        def setValue():
            pass
        def reset_all():
            pass
        """));

    [Fact]
    public void ClassNameNotCapWordsIsFlagged() => Assert.Equal([5], Lines("RBPY202", """
        class ServerGroup:
            pass
        class EvacuationTask:
            pass
        class server_list:
            pass
        """));

    [Fact]
    public void NoFinding_DecoratorAndContextManagerClasses() => Assert.Empty(Lines("RBPY202", """
        class ServerGroup:
            pass
        class EvacuationTask:
            pass
        class cached_property:
            def __get__(self, obj, cls):
                pass
        class partial:
            pass
        """));

    [Fact]
    public void MixedCaseLocalVariableIsFlagged()
    {
        var finding = Assert.Single(Findings("RBPY203", """
            def evacuate(api, group_id):
                server_list = api.get_servers()
                host_name = api.host
                serverGroup = api.get_server_group(group_id)
                return server_list, host_name, serverGroup
            """));
        Assert.Equal(4, finding.StartLine);
        Assert.Contains("rename it 'server_group'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFinding_MathStyleNames() => Assert.Empty(Lines("RBPY203", """
        def f(api):
            server_list = api.get_servers()
            host_name = api.host
            mB = api.mass
            degG = api.degree
            return server_list, host_name, mB, degG
        """));

    [Fact]
    public void NoFinding_MixedCaseParametersAndModuleNames() => Assert.Empty(Lines("RBPY203", """
        serverGroup = None
        def evacuate(api, groupId):
            server_list = api.get_servers()
            host_name = api.host
            return server_list, host_name, groupId
        """));

    [Fact]
    public void MixedCaseModuleConstantAmongUpperCaseOnesIsFlagged()
    {
        var finding = Assert.Single(Findings("RBPY204", """
            MAX_RETRIES = 3
            BASE_URL = "http://example.org"
            defaultTimeout = 30
            """));
        Assert.Equal(3, finding.StartLine);
        Assert.Equal("The module constant 'defaultTimeout' is mixedCase while 2 other constants in this file are UPPER_CASE; rename it 'DEFAULT_TIMEOUT'.", finding.Message);
    }

    [Fact]
    public void NoFinding_ModuleStateAndNonLiteralsAndLowerCaseFiles()
    {
        Assert.Empty(Lines("RBPY204", """
            MAX_RETRIES = 3
            BASE_URL = "http://example.org"
            requestCount = 0
            serverList = make_list()
            retryDelay = 1
            retryDelay = 2
            def bump():
                global requestCount
                requestCount += 1
            """));
        Assert.Empty(Lines("RBPY204", "defaultTimeout = 30\nmaxRetries = 3\nBASE = 1\n"));
    }
}
