#!/usr/bin/env bash
# Runs every test: the debug build's unit tests under ASan + UBSan first, then the release
# build's unit and integration tests. CTest's summary is the last thing printed.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "== sanitizers (debug build, unit tests)"
ctest --test-dir build/debug -L unit -j "$jobs" --output-on-failure --timeout 300 >build/debug/ctest.log 2>&1
debug_status=$?
tail -4 build/debug/ctest.log
if ((debug_status != 0)); then
  grep -E "Failed|\*\*\*" build/debug/ctest.log | head -50
fi

echo "== all tests (release build)"
ctest --test-dir build/release -j "$jobs" --output-on-failure --timeout 600
release_status=$?
exit $((debug_status || release_status))
