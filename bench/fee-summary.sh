#!/usr/bin/env bash
# Times GET /api/v1/fees/summary for 轻机南院 (327 households, one year) and
# for a synthetic community of 20,000 households with three years of bills
# (60,000 bills, 95 % paid), on SQLite. SERVER=… picks the binary.
set -euo pipefail
D=$(mktemp -d); PORT=3302; BIN=${SERVER:-$(dirname "$0")/../target/debug/server}
H=(-H 'X-Requested-With: courtyard' -H 'Content-Type: application/json')
start() { $BIN --data $D --addr 127.0.0.1:$PORT --demo >/dev/null 2>&1 & PID=$!
  # Ready when it answers (a loaded machine takes longer than any fixed sleep).
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; exit 1; }
start
curl -s -c $D/jar "${H[@]}" -d '{"phone":"13800000001","password":"qingji1969"}' http://127.0.0.1:$PORT/api/v1/auth/login >/dev/null
kill $PID; wait $PID 2>/dev/null || true
python3 - "$D/courtyard.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); c = db.cursor()
now = int(time.time()*1000)
c.execute("INSERT INTO communities (name, office_phone, created_at) VALUES ('北关区（合成）', '0372-0000000', ?)", (now,))
cid = c.lastrowid
c.execute("INSERT INTO fee_schedules (community_id, name, basis, rate_fen, period, due_days, created_at) VALUES (?, '物业费', 'per_m2', 30, 'year', 90, ?)", (cid, now))
sid = c.lastrowid
n = 0
for b in range(100):
    c.execute("INSERT INTO buildings (community_id, name, kind, sort_order) VALUES (?, ?, 'block', ?)", (cid, f"{b+1}号楼", b))
    bid = c.lastrowid
    for i in range(200):
        c.execute("INSERT INTO households (community_id, building_id, flat_label, area_hundredths_m2) VALUES (?, ?, ?, ?)", (cid, bid, str(100+i), 4000 + (n * 733) % 2000))
        hid = c.lastrowid
        amount = ((4000 + (n * 733) % 2000) * 30 * 12 + 50) // 100
        for year in (2024, 2025, 2026):
            paid = amount if (n + year) % 20 else 0
            c.execute("INSERT INTO fee_bills (schedule_id, household_id, community_id, period, months, amount_fen, paid_fen, due_at, created_at) VALUES (?, ?, ?, ?, 12, ?, ?, ?, ?)",
                      (sid, hid, cid, str(year), amount, paid, now, now))
        n += 1
c.execute("INSERT INTO memberships (user_id, role, community_id, created_at) SELECT id, 'manager', ?, ? FROM users WHERE phone = '13800000001'", (cid, now))
db.commit(); print("synthetic community", cid, "households", n, "bills", 3 * n)
PY
start
for C in 1 3; do
  for i in $(seq 1 15); do curl -s -o /dev/null -b $D/jar -w "%{time_total}\n" "http://127.0.0.1:$PORT/api/v1/fees/summary?community_id=$C&period=2026"; done | sort -n | awk -v c=$C '{a[NR]=$1} END {printf "community %s: summary min %.1f ms, median %.1f ms, max %.1f ms\n", c, a[1]*1000, a[int((NR+1)/2)]*1000, a[NR]*1000}'
done
kill $PID
