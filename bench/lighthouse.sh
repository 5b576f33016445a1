#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile preset: simulated slow 4G, a 4× slower CPU)
# against the demo server with Debian's Chromium. Five pages — 首页 and 登录
# anonymously (a first visit), then 首页, 报修 and 积分超市 as the demo
# resident — in normal text and in 长辈模式 (the cookie the app sets), each
# RUNS times (3); prints the median of each figure: performance and
# accessibility scores, FCP, LCP, TBT and CLS.
# Needs a built site (cargo xtask build) and, by default, the release server
# (cargo build --release -p server); SERVER=target/debug/server for a debug
# one. BENCH_SMOKE=1: the login page once, and a missing report is a failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$HERE/..
BIN=${SERVER:-$ROOT/target/release/server}; SITE=${SITE:-$ROOT/target/site}
RUNS=${RUNS:-3}; PORT=3303; D=$(mktemp -d)
(cd "$HERE/lighthouse" && [ -d node_modules/lighthouse ] || npm install --no-audit --no-fund --silent)
$BIN --demo --addr 127.0.0.1:$PORT --data "$D" --site "$SITE" >/dev/null 2>&1 & PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/api/health >/dev/null && break; sleep 0.2; done
SESSION=$(curl -s -D - -o /dev/null -H 'X-Requested-With: courtyard' -H 'Content-Type: application/json' \
  -d '{"phone":"13800000003","password":"qingji1969"}' http://127.0.0.1:$PORT/api/v1/auth/login |
  grep -i '^set-cookie' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
# run PATH NAME COOKIE: RUNS reports, then one line of medians.
run() {
  local path=$1 name=$2 cookie=$3 headers=()
  [ -n "$cookie" ] && headers=(--extra-headers "{\"Cookie\": \"$cookie\"}")
  for i in $(seq 1 "$RUNS"); do
    CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$HERE/lighthouse/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" \
      --quiet --only-categories=performance,accessibility --output=json --output-path="$D/$name-$i.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" "${headers[@]}" >/dev/null 2>&1 || true
  done
  python3 - "$D" "$name" "$RUNS" <<'PY'
import json, os, statistics, sys
d, name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
reports = []
for i in range(1, runs + 1):
    try:
        reports.append(json.load(open(f"{d}/{name}-{i}.json")))
    except Exception as e:
        print(f"{name:<14} run {i}: lighthouse failed: {e}")
if not reports:
    sys.exit(1 if os.environ.get("BENCH_SMOKE") else 0)
med = lambda f: statistics.median(f(r) for r in reports)
score = lambda k: med(lambda r: r["categories"][k]["score"] * 100)
ms = lambda k: med(lambda r: r["audits"][k]["numericValue"])
print(f"{name:<14} performance {score('performance'):>3.0f}  accessibility {score('accessibility'):>3.0f}  "
      f"FCP {ms('first-contentful-paint')/1000:.2f} s  LCP {ms('largest-contentful-paint')/1000:.2f} s  "
      f"TBT {ms('total-blocking-time'):>4.0f} ms  CLS {ms('cumulative-layout-shift'):.3f}  (median of {len(reports)})")
PY
}
if [ -n "${BENCH_SMOKE:-}" ]; then RUNS=1 run /login login ""; exit 0; fi
echo "Lighthouse $("$HERE/lighthouse/node_modules/.bin/lighthouse" --version), median of $RUNS, $(basename "$BIN") at $(cd "$ROOT" && git rev-parse --short HEAD)"
for mode in normal large; do
  large=""; [ $mode = large ] && large="courtyard_large_text=1"
  join() { local IFS='; '; echo "$*"; }
  run / "first-$mode" "$large"
  run /login "login-$mode" "$large"
  run / "home-$mode" "$(join $SESSION $large)"
  run /repairs "repairs-$mode" "$(join $SESSION $large)"
  run /points "shop-$mode" "$(join $SESSION $large)"
done
