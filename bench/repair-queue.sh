#!/usr/bin/env bash
# Times the office queue (GET /api/v1/repairs?scope=queue, urgent and oldest
# first, open tickets, 50 a page) and its overdue filter and figures on a
# community with 100,000 tickets, on SQLite, with the debug server (or
# SERVER=target/release/server).
set -euo pipefail
D=$(mktemp -d); PORT=3302; BIN=${SERVER:-$(dirname "$0")/../target/debug/server}
TICKETS=${TICKETS:-100000}
H=(-H 'X-Requested-With: courtyard' -H 'Content-Type: application/json')
start() { $BIN --data $D --addr 127.0.0.1:$PORT --demo --site /nonexistent >/dev/null 2>&1 & PID=$!
  # Ready when it answers (a loaded machine takes longer than any fixed sleep).
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; exit 1; }
start
curl -s -c $D/jar "${H[@]}" -d '{"phone":"13800000001","password":"qingji1969"}' http://127.0.0.1:$PORT/api/v1/auth/login >/dev/null
kill $PID; wait $PID 2>/dev/null || true
python3 - "$D/courtyard.db" "$TICKETS" <<'PY'
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); c = db.cursor(); n = int(sys.argv[2])
random.seed(1969)
now = int(time.time() * 1000); hour = 3_600_000
cid = c.execute("SELECT id FROM communities WHERE name = '轻机南院'").fetchone()[0]
homes = c.execute("SELECT id, building_id FROM households WHERE community_id = ?", (cid,)).fetchall()
reporter = c.execute("SELECT id FROM users WHERE phone = '13800000003'").fetchone()[0]
staff = c.execute("SELECT id FROM users WHERE phone = '13800000002'").fetchone()[0]
cats = ['water', 'drainage', 'electricity', 'gas', 'heating', 'doors_windows', 'public_area', 'other']
rows = []
for i in range(n):
    h, b = random.choice(homes)
    created = now - random.randint(1, 3 * 365 * 24) * hour
    # Most tickets of three years are long closed; a few hundred are open.
    status = random.choices(['closed', 'submitted', 'assigned', 'in_progress'], [97, 1, 1, 1])[0]
    urgent = 1 if random.random() < 0.1 else 0
    assignee = None if status == 'submitted' else staff
    resolved = created + 20 * hour if status == 'closed' else None
    rows.append((cid, h, b, random.choice(cats), urgent, '13800000003', status, 'resident', reporter, assignee,
                 created, created, created + (24 if urgent else 72) * hour, resolved, resolved))
c.executemany("""INSERT INTO repair_tickets (community_id, household_id, building_id, category, urgent, contact_phone,
    status, channel, reporter_id, assignee_id, created_at, updated_at, due_at, resolved_at, closed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
db.commit(); db.execute("ANALYZE"); print(f"{n} tickets in 轻机南院")
PY
start
time_it() {
  for i in $(seq 1 21); do curl -s -o /dev/null -b $D/jar -w "%{time_total}\n" "http://127.0.0.1:$PORT$1"; done | sort -n |
    awk -v what="$2" '{a[NR]=$1} END {printf "%-34s min %.1f ms, median %.1f ms, max %.1f ms\n", what, a[1]*1000, a[int((NR+1)/2)]*1000, a[NR]*1000}'
}
time_it "/api/v1/repairs?scope=queue" "queue (open, urgent+oldest, 50)"
time_it "/api/v1/repairs?scope=queue&overdue=true" "queue, overdue only"
time_it "/api/v1/repairs?scope=queue&status=all" "all states, page 1"
time_it "/api/v1/repairs?scope=queue&status=all&offset=5000" "all states, page 101"
# The same page by key: the position the page before gave out.
AFTER=$(curl -s -b $D/jar "http://127.0.0.1:$PORT/api/v1/repairs?scope=queue&status=all&offset=4950" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["next_cursor"])')
time_it "/api/v1/repairs?scope=queue&status=all&cursor=$AFTER" "all states, page 101 by key"
time_it "/api/v1/repairs/summary" "figures (new/open/overdue/median)"
kill $PID
