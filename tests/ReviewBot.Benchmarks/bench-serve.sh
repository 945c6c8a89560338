#!/usr/bin/env bash
# The App's figures (issue 5): webhook acknowledgement latency (p50/p99) under a burst of 200 signed deliveries, and
# the time from `opened` to the completed check run of a 20-file pull request, both over real loopback HTTP against
# the strict fake GitHub in tests/ReviewBot.Tests. Prints the BENCH lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test tests/ReviewBot.Tests -c Release --filter "FullyQualifiedName~ServeBenchmarkTests" \
  --logger "console;verbosity=detailed" 2>&1 | tee /tmp/reviewbot-bench-serve.log | grep -E "BENCH|Passed!|Failed!"
