#!/usr/bin/env bash
# Lighthouse (mobile preset, simulated slow 4G and a 4× slower CPU) against the
# demo server with Debian's Chromium: login and home (anonymous: a first
# visit), then home, repairs
# and the points shop as the demo resident. Prints performance and
# accessibility scores with FCP, LCP, TBT and CLS. Needs a built site
# (cargo xtask build); SERVER=target/release/server for the release build.
# BENCH_SMOKE=1: the login page only, and a missing report is a failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$HERE/..
BIN=${SERVER:-$ROOT/target/debug/server}; SITE=${SITE:-$ROOT/target/site}
PORT=3303; D=$(mktemp -d)
(cd "$HERE/lighthouse" && [ -d node_modules/lighthouse ] || npm install --no-audit --no-fund --silent)
$BIN --demo --addr 127.0.0.1:$PORT --data "$D" --site "$SITE" >/dev/null 2>&1 & PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/api/health >/dev/null && break; sleep 0.2; done
COOKIE=$(curl -s -D - -o /dev/null -H 'X-Requested-With: courtyard' -H 'Content-Type: application/json' \
  -d '{"phone":"13800000003","password":"qingji1969"}' http://127.0.0.1:$PORT/api/v1/auth/login |
  grep -i '^set-cookie' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
run() {
  local path=$1 name=$2; shift 2
  CHROME_PATH=/usr/bin/chromium "$HERE/lighthouse/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" \
    --quiet --only-categories=performance,accessibility --output=json --output-path="$D/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" "$@" >/dev/null 2>&1 || true
  python3 - "$D/$name.json" "$name" <<'PY'
import json, os, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"{sys.argv[2]:<8} lighthouse failed: {e}")
    sys.exit(1 if os.environ.get("BENCH_SMOKE") else 0)
c, a = r["categories"], r["audits"]
ms = lambda k: a[k]["numericValue"]
print(f"{sys.argv[2]:<8} performance {c['performance']['score']*100:>3.0f}  accessibility {c['accessibility']['score']*100:>3.0f}  "
      f"FCP {ms('first-contentful-paint')/1000:.2f} s  LCP {ms('largest-contentful-paint')/1000:.2f} s  "
      f"TBT {ms('total-blocking-time'):.0f} ms  CLS {a['cumulative-layout-shift']['numericValue']:.3f}")
PY
}
run /login login
[ -n "${BENCH_SMOKE:-}" ] && exit 0
run / first
run / home --extra-headers "{\"Cookie\": \"$COOKIE\"}"
run /repairs repairs --extra-headers "{\"Cookie\": \"$COOKIE\"}"
run /points shop --extra-headers "{\"Cookie\": \"$COOKIE\"}"
