#!/usr/bin/env bash
# Issue 28's figures: the whole `reviewbot review` process (published, ReadyToRun) against pyflakes and ruff's
# WebAssembly build on 300 CPython standard-library files, and against Roslyn's own analyzers on a real 20-file C#
# commit of Polly; wall time and peak RSS of each. See bench_cli.py for what is measured and how.
set -euo pipefail
exec python3 "$(dirname "$0")/bench_cli.py" "$@"
