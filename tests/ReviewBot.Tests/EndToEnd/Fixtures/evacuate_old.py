"""Evacuation of servers."""
import logging
import sys

LOG = logging.getLogger(__name__)


def evacuate(servers):
    """Evacuates every server."""
    for server in servers:
        LOG.info("evacuating %s" % server)
    return len(servers)
