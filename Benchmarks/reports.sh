#!/usr/bin/env bash
# Times every report on an existing store: each report alone as JSON, then `report all` as JSON
# and as HTML. One markdown row per run: wall seconds, CPU seconds and peak RSS from
# /usr/bin/time -v, and the phases printed by CLIENTELE_PROFILE=1 on stderr.
#
#   STORE=data/store-50000x365.db Benchmarks/reports.sh      # CLIENTELE defaults to ../.build/release/clientele
set -euo pipefail
export LC_ALL=C
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$BENCH_DIR"
STORE=${STORE:?set STORE to a store written by clientele ingest}
CLIENTELE=${CLIENTELE:-../.build/release/clientele}
WORK=$(mktemp -d /tmp/clientele-reports.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cat "$STORE" > /dev/null   # warm the page cache

run() {
    local label=$1
    shift
    CLIENTELE_PROFILE=1 /usr/bin/time -v -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/err.txt"
    local wall cpu rss phases
    wall=$(awk -F': ' '/Elapsed/ {split($2, t, ":"); printf "%.2f", t[1] * 60 + t[2]}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$WORK/time.txt")
    phases=$(grep -E '^[a-z][a-z ,:]*: [0-9.]+$' "$WORK/err.txt" | awk -F': ' '{printf "%s %s; ", $(NF-1) == "" ? $1 : substr($0, 1, length($0) - length($NF) - 2), $NF}')
    printf '| %s | %s | %s | %s | %s |\n' "$label" "$wall" "$cpu" "$rss" "${phases%; }"
}

echo "| command | wall s | CPU s | peak RSS MB | phases (seconds since start) |"
echo "| --- | ---: | ---: | ---: | --- |"
for name in overview marketing content products executive; do
    run "report $name --format json" "$CLIENTELE" report "$name" --db "$STORE" --format json --out "$WORK/$name.json"
done
run "report all --format json" "$CLIENTELE" report all --db "$STORE" --format json --out "$WORK/json"
run "report all --format html" "$CLIENTELE" report all --db "$STORE" --format html --out "$WORK/html"
