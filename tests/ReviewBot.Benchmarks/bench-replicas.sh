#!/usr/bin/env bash
# Issue 24's figures: `reviewbot serve` replicas on one PostgreSQL under 500 signed deliveries for 50 pull requests in
# 10 installations, against the strict fake GitHub in tests/ReviewBot.Tests (which refuses what exceeds an
# installation's limits): 3 replicas with one SIGKILLed at 40% of the deliveries and started again at 75%, then the
# same work on 1 replica. Prints the BENCH lines: ack p50/p99/max, drain time, reviews a minute, the 3-to-1 ratio,
# the most content-creating requests of one installation in any minute. Uses REVIEWBOT_TEST_POSTGRES when set,
# otherwise starts a throwaway cluster with scripts/test-postgres.sh (installing Debian's PostgreSQL as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "${REVIEWBOT_TEST_POSTGRES:-}" ]; then
  export REVIEWBOT_TEST_POSTGRES_STATE=$(mktemp -u /tmp/reviewbot-bench-postgres.XXXXXX)
  eval "$(scripts/test-postgres.sh start)"
  trap 'scripts/test-postgres.sh stop >/dev/null 2>&1 || true' EXIT
fi
REVIEWBOT_SCALE=full dotnet test tests/ReviewBot.Tests -c Release --filter "FullyQualifiedName~ScaleTests" \
  --logger "console;verbosity=detailed" 2>&1 | tee /tmp/reviewbot-bench-replicas.log | grep -E "BENCH|Passed!|Failed!|Error Message|Assert"
