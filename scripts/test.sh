#!/usr/bin/env bash
# Runs every test:
#  1. the debug build (ASan + UBSan): its unit tests and fuzz-corpus replays, and the Node
#     integration suites against the sanitized mcpgate binary — a sanitizer report in any child
#     process fails its test (tests/integration/lib/proc.mjs);
#  2. when the fuzz build exists (build/fuzz, `make test` builds it), each libFuzzer target
#     briefly from its checked-in corpus (FUZZ_SECONDS per target, default 10);
#  3. the release build: unit and integration tests, last, so CTest's summary ends the output.
# Each step prints its summary; the exit status is non-zero when any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Left out under ASan: the Dockerfile test checks the shared libraries of the binary it is given
# against the runtime image, which only makes sense for the release build.
asan_skip=${ASAN_SKIP:-'^integration\.deploy\.dockerfile$'}

echo "== sanitizers (debug build: unit tests, fuzz replays, integration tests)"
ctest --test-dir build/debug -L 'unit|integration' -E "$asan_skip" -j "$jobs" --output-on-failure \
  --timeout 900 >build/debug/ctest.log 2>&1
debug_status=$?
tail -4 build/debug/ctest.log
if ((debug_status != 0)); then
  grep -E "Failed|\*\*\*|sanitizer report|ERROR: " build/debug/ctest.log | head -50
fi

fuzz_status=0
if [[ -d build/fuzz/fuzz ]]; then
  echo "== fuzz targets, ${FUZZ_SECONDS:-10} s each (build/fuzz)"
  fuzz/run.sh build/fuzz "${FUZZ_SECONDS:-10}"
  fuzz_status=$?
fi

echo "== all tests (release build)"
ctest --test-dir build/release -j "$jobs" --output-on-failure --timeout 600
release_status=$?

exit $((debug_status || release_status || fuzz_status))
