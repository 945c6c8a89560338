#!/usr/bin/env bash
# The evaluation over real public commits: eval/run.sh <corpus>... | all  (see eval/README.md).
# Builds this checkout's ReviewBot (Release) into a temporary folder, then scores it against the committed oracles.
# Fetches nothing: the repositories come from EVAL_CLONES (default /tmp/evalclones), one clone per repository,
# named owner+name. Options after the corpora go to evaluate.py (--rebuild-oracle, --date).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
if [ $# -eq 0 ]; then
  echo "usage: eval/run.sh <corpus>...|all [--rebuild-oracle] [--date YYYY-MM-DD]" >&2
  echo "corpora: $(cd "$here/corpora" && ls *.tsv | sed 's/\.tsv$//' | tr '\n' ' ')" >&2
  exit 2
fi
clones="${EVAL_CLONES:-/tmp/evalclones}"
if [ ! -d "$clones" ]; then
  echo "eval/run.sh: no clones folder '$clones'; set EVAL_CLONES (see eval/README.md)" >&2
  exit 2
fi
if [ -n "${REVIEWBOT:-}" ]; then
  reviewbot="$REVIEWBOT"
else
  build="$(mktemp -d "${TMPDIR:-/tmp}/reviewbot-eval-build.XXXXXX")"
  trap 'rm -rf "$build"' EXIT
  echo "Building ReviewBot (Release) into $build ..." >&2
  dotnet build "$root/src/ReviewBot" -c Release -o "$build" -v:q -nologo >&2
  reviewbot="$build/reviewbot"
fi
exec python3 "$here/evaluate.py" --reviewbot "$reviewbot" --clones "$clones" "$@"
