#!/usr/bin/env bash
# A smoke run of every benchmark script, small and short, for CI: each must
# run to the end (benchmarks are measured by hand, never timed in tests).
# Needs the debug server and a built site (cargo xtask test has both).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
echo "== bench/load.sh (scale 0.02, 2 s runs)"
BENCH_SMOKE=1 "$here/load.sh" sqlite
echo "== bench/repair-queue.sh (2,000 tickets)"
TICKETS=2000 bash "$here/repair-queue.sh"
echo "== bench/notice-reach.sh"
bash "$here/notice-reach.sh"
echo "== bench/fee-summary.sh"
bash "$here/fee-summary.sh"
echo "== bench/lighthouse.sh (login page)"
SERVER=${SERVER:-$here/../target/debug/server} BENCH_SMOKE=1 bash "$here/lighthouse.sh"
