"""Functional tests of evacuating servers that belong to a server group."""
import os
import pickle
import time
import unittest

from oslo_log import log as logging
from nova.tests.unit.image import fake

LOG = logging.getLogger(__name__)


class TestParallelEvacuationWithServerGroup(unittest.TestCase):
    """Evacuating two servers of an anti-affinity group in parallel."""

    def setUp(self):
        """Start the fake image service and the API."""
        fake.stub_out_image_service(self)
        self.api = fake.api()
        self.state = pickle.loads(self.api.snapshot())

    def _wait_for_state(self, server, state):
        """Poll until the server reaches state."""
        return self.api.wait(server, state)

    def bootServers(self):
        """Boot two servers in the group."""
        return [self.api.boot(i) for i in range(2)]

    def test_parallel_evacuate_with_server_group(self):
        """Both servers end up on different hosts."""
        servers = self.bootServers()
        LOG.info(f"evacuating {len(servers)} servers")
        for server in servers:
            self.api.evacuate(server)
        time.sleep(5)
        self.assertTrue(servers[0]["host"] != servers[1]["host"])
        self.assertEqual("ACTIVE", servers[0]["status"])
        self.assertEqual("ACTIVE", servers[1]["status"])
        self.assertIsNotNone(servers[0]["host"])
        self.assertIsNotNone(servers[1]["host"])

    def test_undocumented(self):
        self.assertTrue(self._wait_for_state(None, "ACTIVE"))
