#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time each, starting from (and adding
# to a scratch copy of) its checked-in corpus.
#   fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=${1:?build dir}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$build"/fuzz/fuzz_*; do
  name=${bin##*/fuzz_}
  work=$(mktemp -d)
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null || true
  echo "== $name: ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 "$work" 2>"$work.log"; then
    echo "   crash: see $work.log"; status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work.log" | sed 's/^/   /'
done
exit $status
