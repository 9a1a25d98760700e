#!/usr/bin/env bash
# End-to-end ingest benchmark: the simulated shop at benchmark size (fixtures/scripts/make_shop.py
# --customers 50000 --days 30: about 5.2 million lines in 30 daily rotated .gz files, with
# customers, orders, products and ad spend), ingested into a new store, then again with nothing
# new, then every report as JSON.
#
#   Benchmarks/ingest.sh                     # CLIENTELE defaults to ../.build/release/clientele
#   CUSTOMERS=5000 DAYS=7 Benchmarks/ingest.sh   # a small run
set -euo pipefail
export LC_ALL=C
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$BENCH_DIR"
CUSTOMERS=${CUSTOMERS:-50000}
DAYS=${DAYS:-30}
CLIENTELE=${CLIENTELE:-../.build/release/clientele}
SHOP="data/shop-${CUSTOMERS}x${DAYS}"
[[ -x $CLIENTELE ]] || swift build -c release --package-path .. >&2
if [[ ! -f $SHOP/expected.json ]]; then
    echo "Generating $SHOP ..." >&2
    # Past a month, expected.json without its sessions array (over 1 GB for a year).
    list=()
    (( DAYS <= 31 )) || list=(--no-session-list)
    python3 ../fixtures/scripts/make_shop.py --customers "$CUSTOMERS" --days "$DAYS" "${list[@]}" --out "$SHOP" >&2
fi
FORMAT='$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$cookie_vid" "$cookie_uid"'
WORK=$(mktemp -d /tmp/clientele-ingest.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
LINES=$(for f in "$SHOP"/logs/*; do if [[ $f == *.gz ]]; then zcat "$f"; else cat "$f"; fi; done | wc -l)
cat "$SHOP"/logs/* > /dev/null   # warm the page cache

run() {
    local label=$1
    shift
    /usr/bin/time -v -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/err.txt"
    local wall rss
    wall=$(awk -F': ' '/Elapsed/ {split($2, t, ":"); print (t[1] * 60 + t[2])}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$WORK/time.txt")
    printf '| %s | %s | %s | %s |\n' "$label" "$wall" "$(awk -v n="$LINES" -v s="$wall" 'BEGIN {printf "%d", n / s}')" "$rss"
    local phases
    phases=$(grep -E '^[a-z ]+: [0-9.e-]+$' "$WORK/err.txt" | awk -F': ' '{printf "%s %.2f, ", $1, $2}')
    [[ -z $phases ]] || echo "  phases (seconds since start): ${phases%, }" >&2
}

ingest=("$CLIENTELE" ingest "$SHOP/logs" --db "$WORK/shop.db" --no-progress --log-format "$FORMAT"
    --visitor-field cookie_vid --customer-field cookie_uid --customers "$SHOP/customers.csv"
    --orders "$SHOP/orders.csv" --products "$SHOP/products.csv" --ad-spend "$SHOP/ad_spend.csv")
echo "### $(date -u +%Y-%m-%d): shop ${CUSTOMERS} customers x ${DAYS} days, $LINES lines"
echo
echo "Machine: $(nproc) cores ($(lscpu | awk -F': +' '/Model name/ {print $2; exit}')), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM."
echo
echo "| step | wall s | lines/s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: |"
CLIENTELE_PROFILE=1 run "ingest, new store" "${ingest[@]}"
CLIENTELE_PROFILE=1 run "ingest again, nothing new" "${ingest[@]}"
run "report all --format json" "$CLIENTELE" report all --db "$WORK/shop.db" --format json --out "$WORK/reports"
run "report all --format html" "$CLIENTELE" report all --db "$WORK/shop.db" --format html --out "$WORK/html"
