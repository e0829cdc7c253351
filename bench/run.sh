#!/usr/bin/env bash
# `make bench`: every micro-benchmark of the release build, results as JSON under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
for bin in build/release/bench/bench_*; do
  [[ -x $bin ]] || continue
  name=${bin##*/bench_}
  echo "== $name"
  "$bin" --benchmark_out="bench/results/$name.json" --benchmark_out_format=json
done
if [[ -x bench/gateway.sh ]]; then
  bench/gateway.sh
fi
