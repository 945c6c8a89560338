"""Evacuation of servers from a failed host."""
import logging
import os
import sys

LOG = logging.getLogger(__name__)


def evacuate(server, host):
    """Rebuild server on host."""
    LOG.info("evacuating %s" % server)
    LOG.info(f"target {host}")
    return server.rebuild(host)
