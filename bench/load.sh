#!/usr/bin/env bash
# API load benchmark on a generated district, with wrk (Debian's package).
#
#   bench/load.sh [sqlite|postgres] [processes] [seconds] [scale]
#
# Builds the release server, generates the district (`server generate`,
# cached per backend and scale under <target>/bench), starts 1 or 2 server
# processes on loopback behind the same database, logs in 64 residents and
# runs five loads at 32 connections: the 90/10 mix, list reads only, ticket
# creation only, the badges' `/api/v1/counts`, and `/api/health` (what the server does without the
# database, for the reads ÷ health ratio). Prints requests/s, p50/p99 and non-2xx counts, and
# counts "database is locked" in the server logs.
#   BENCH_SMOKE=1  a debug build, scale 0.02 and 2-second runs (CI).
set -euo pipefail

backend=${1:-sqlite}
processes=${2:-1}
seconds=${3:-20}
scale=${4:-1.0}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
profile=release
if [[ -n "${BENCH_SMOKE:-}" ]]; then
    profile=debug seconds=2 scale=0.02
fi
if ! command -v wrk >/dev/null; then
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi
if [[ $profile == release ]]; then
    cargo build --quiet --release -p server --manifest-path "$root/Cargo.toml"
else
    cargo build --quiet -p server --manifest-path "$root/Cargo.toml"
fi
server="$target/$profile/server"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [[ -n "${pg_data:-}" ]]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$target/bench"
case $backend in
sqlite)
    cache="$target/bench/district-$scale"
    if [[ ! -f "$cache/courtyard.db" ]]; then
        rm -rf "$cache"
        "$server" --data "$cache" generate --scale "$scale"
    fi
    cp -r "$cache" "$work/data"
    url="sqlite://$work/data/courtyard.db"
    ;;
postgres)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    pg_data="$work/pg"
    mkdir -p "$pg_data" && chown postgres "$work" "$pg_data"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p 55499 -k $work -c max_connections=200 -c shared_buffers=512MB -c synchronous_commit=off" start >/dev/null
    url="postgres://postgres@127.0.0.1:55499/postgres"
    "$server" --data "$work/data" --database-url "$url" generate --scale "$scale"
    ;;
*) echo "backend: sqlite or postgres" >&2; exit 2 ;;
esac

ports=()
for i in $(seq 1 "$processes"); do
    port=$((3600 + i))
    "$server" --addr "127.0.0.1:$port" --data "$work/data" --database-url "$url" \
        --site /nonexistent >"$work/server-$i.log" 2>&1 &
    pids+=($!)
    ports+=("$port")
done
for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
done

# 64 residents (odd ids are the first resident of a household).
users=""
for u in $(seq 1 2 127); do
    phone=$(printf '139%08d' "$u")
    token=$(curl -sf -c - -o /dev/null -H 'X-Requested-With: courtyard' -H 'Content-Type: application/json' \
        -d "{\"phone\":\"$phone\",\"password\":\"district-2026\"}" "http://127.0.0.1:${ports[0]}/api/v1/auth/login" |
        awk '$6 == "courtyard_session" { print $7 }')
    users+="$u:$token,"
done
export USERS=$users TICKETS=10

echo "backend $backend, $processes process(es), scale $scale, ${seconds} s a run, 32 connections, $(nproc) cores"
for mode in ${MODES:-mix reads create counts health}; do
    export MODE=$mode
    outs=() runs=()
    i=0
    for port in "${ports[@]}"; do
        i=$((i + 1))
        wrk -t1 -c$((32 / processes)) -d"${seconds}s" --latency -s "$root/bench/load/mix.lua" \
            "http://127.0.0.1:$port" >"$work/wrk-$mode-$i.txt" &
        runs+=($!)
        outs+=("$work/wrk-$mode-$i.txt")
    done
    wait "${runs[@]}"
    rps=0 errors=0
    for out in "${outs[@]}"; do
        r=$(awk '/Requests\/sec/ { print $2 }' "$out")
        rps=$(awk -v a="$rps" -v b="$r" 'BEGIN { printf "%.0f", a + b }')
        e=$(awk '/Non-2xx/ { print $5 }' "$out")
        errors=$((errors + ${e:-0}))
    done
    p50=$(awk '$1 == "50%" { print $2 }' "${outs[0]}")
    p99=$(awk '$1 == "99%" { print $2 }' "${outs[0]}")
    printf '%-7s %8s req/s  p50 %-9s p99 %-9s non-2xx %s\n' "$mode" "$rps" "$p50" "$p99" "$errors"
    if [[ $mode == reads ]]; then reads_rps=$rps; fi
    if [[ $mode == health ]]; then
        echo "reads ÷ health: $(awk -v r="$reads_rps" -v h="$rps" 'BEGIN { printf "%.2f", r / h }')"
    fi
    if [[ -n "${BENCH_SMOKE:-}" ]] && { [[ $errors -ne 0 ]] || [[ $rps -eq 0 ]]; }; then
        echo "smoke run failed: $mode answered $errors errors at $rps req/s" >&2
        exit 1
    fi
done
locked=$(cat "$work"/server-*.log | grep -c "database is locked" || true)
echo "\"database is locked\" in the server logs: $locked"
