using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class TestStyleRuleTests
{
    private const string TestPath = "nova/tests/functional/test_evacuate.py";

    [Fact]
    public void ResourceReleasedInTearDownIsFlaggedAtItsAcquisition()
    {
        var finding = Assert.Single(Findings("RBPY901", """
            import shutil, tempfile, unittest
            class TestEvacuate(unittest.TestCase):
                def setUp(self):
                    self.api = make_api()
                    self.server = start_server()
                    self.tmp = tempfile.mkdtemp()
                def tearDown(self):
                    self.server.stop()
                def test_x(self):
                    self.assertTrue(self.api)
            """, TestPath));
        Assert.Equal(5, finding.StartLine);
        Assert.Equal("The resource 'self.server' is acquired in setUp and released in tearDown; call self.addCleanup(self.server.stop) right after acquiring it.", finding.Message);
    }

    [Fact]
    public void ReleasedInTearDownMentionsFixturesInTesttoolsCode() => Assert.Contains(
        "self.useFixture",
        Assert.Single(Findings("RBPY901", """
            import shutil
            import testtools
            class TestEvacuate(testtools.TestCase):
                def setUp(self):
                    self.tmp = make_dir()
                def tearDown(self):
                    shutil.rmtree(self.tmp)
            """, TestPath)).Message,
        StringComparison.Ordinal);

    [Fact]
    public void NoFinding_CleanupsOrNoTearDownRelease() => Assert.Empty(Lines("RBPY901", """
        class TestEvacuate(unittest.TestCase):
            def setUp(self):
                self.server = start_server()
                self.addCleanup(self.server.stop)
            def tearDown(self):
                self.log.flush()
        """, TestPath));

    [Fact]
    public void SleepInTestIsFlaggedWithTheFigure()
    {
        var finding = Assert.Single(Findings("RBPY902", """
            import time
            class TestEvacuate(unittest.TestCase):
                def test_evacuate(self):
                    time.sleep(5)
                    self.assertTrue(True)
                def _wait_for_state(self):
                    time.sleep(0.1)
            """, TestPath));
        Assert.Equal(4, finding.StartLine);
        Assert.Equal("The test 'test_evacuate' sleeps for 5 seconds; wait for the condition with a timeout, or mock the clock, instead.", finding.Message);
    }

    [Fact]
    public void NoFinding_SleepOutsideTests() => Assert.Empty(Lines("RBPY902", """
        from time import sleep
        def poll():
            sleep(1)
        def test_helper_in_library():
            sleep(1)
        """, "nova/compute/poll.py"));

    [Fact]
    public void PatchStartedWithoutStopIsFlagged() => Assert.Equal([5, 7], Lines("RBPY903", """
        from unittest import mock
        class TestEvacuate(unittest.TestCase):
            def setUp(self):
                self.patcher = mock.patch("nova.compute.api.API.evacuate")
                self.mock_evacuate = self.patcher.start()
                other = mock.patch.object(API, "get")
                mock.patch("nova.utils.execute").start()
                other.start()
                self.addCleanup(other.stop)
        """, TestPath));

    [Fact]
    public void NoFinding_PatchStoppedOrStopall() => Assert.Empty(Lines("RBPY903", """
        from unittest import mock
        class TestEvacuate(unittest.TestCase):
            def setUp(self):
                mock.patch("nova.utils.execute").start()
                self.addCleanup(mock.patch.stopall)
        """, TestPath));

    [Fact]
    public void TestWithoutAssertionIsFlagged()
    {
        var finding = Assert.Single(Findings("RBPY904", """
            class TestEvacuate(unittest.TestCase):
                def test_evacuate(self):
                    self.addCleanup(self.api.cleanup)
                    self.api.evacuate(self.server)
                def test_checked(self):
                    self.api.evacuate(self.server)
                    self.assertEqual("ACTIVE", self.server.status)
            """, TestPath));
        Assert.Equal((2, 9), (finding.StartLine, finding.StartColumn));
    }

    [Fact]
    public void NoFinding_AssertionsHelpersRaisesSkipsAndPlaceholders() => Assert.Empty(Lines("RBPY904", """
        import pytest
        class TestEvacuate(unittest.TestCase):
            def _run_and_verify(self):
                pass
            def test_helper(self):
                self._run_and_verify()
            def test_raises(self):
                with self.assertRaises(ValueError):
                    run()
            def test_mock(self):
                run()
                m.assert_called_once_with(1)
            def test_placeholder(self):
                pass
            def test_inherited_helper(self):
                self.run_scenario(1)
            def test_hands_itself_over(self):
                Visitor(test=self).visit(tree)
            @unittest.skip("later")
            def test_skipped(self):
                run()
        def test_pytest_raises():
            with pytest.raises(ValueError):
                run()
        def test_plain_assert():
            assert run() == 1
        """, TestPath));

    [Fact]
    public void NoFinding_TestNamedFunctionsOutsideTestFilesAndClasses() => Assert.Empty(Lines("RBPY904", """
        def test_connection(host):
            connect(host)
        class Probe:
            def test_port(self):
                connect(self.port)
        """, "nova/net/probe.py"));
}
