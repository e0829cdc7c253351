#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time each, starting from (and adding
# to a scratch copy of) its checked-in corpus. An input that crashes, trips a sanitizer, leaks,
# or runs longer than FUZZ_INPUT_TIMEOUT seconds (default 25) fails the run; the reproducer is
# kept next to the log that is named.
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
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_INPUT_TIMEOUT:-25}" \
    -print_final_stats=1 -artifact_prefix="$work.artifact-" "$work" 2>"$work.log"; then
    echo "   crash: see $work.log and $work.artifact-*"; status=1
    grep -E "^==[0-9]+==ERROR|^SUMMARY|deadly signal|ALARM|Test unit written" "$work.log" | head -5 |
      sed 's/^/   /'
  fi
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$work.log" |
    sed 's/^/   /'
  echo "   corpus: $(find "$here/corpus/$name" -type f | wc -l) checked in, $(find "$work" -type f | wc -l) after the run"
done
exit $status
