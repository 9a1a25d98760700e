#!/usr/bin/env bash
# Throughput benchmark: Clientele beside the zlib floor, gzip -dc, GoAccess and wc -l, in one run
# on this machine, over the same generated combined log (plain and .gz).
#
#   Benchmarks/run.sh                       # 10M lines (generated once: ~2.5 GB + ~0.3 GB .gz)
#   LINES=1000000 Benchmarks/run.sh         # quick run
#
# Environment (default in brackets):
#   LINES [10000000]          lines in the generated log: data/access-<10M>.log and .log.gz
#   SEED [20261001]           generator seed (same seed and generator: same bytes)
#   GOACCESS_LINES [1000000]  GoAccess reads only the first N lines (it parses ~50k lines/s, so
#                             10M lines take ~3 minutes); 0 skips it; >= LINES = the whole file
#   CLIENTELE [../.build/release/clientele]  the binary measured, relative to Benchmarks/; the
#                             default one is built (swift build -c release --package-path ..) when
#                             missing. SKIP_CLIENTELE=1 leaves Clientele out.
#   RUNS [1]                  timed runs per command: median wall time, largest peak RSS; with
#                             RUNS > 1 hyperfine (only if installed) times the same commands too
#
# Each command first runs once untimed, so its input is in the page cache: figures are warm.
# The table is printed and saved to data/last-run.md.
set -euo pipefail
export LC_ALL=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$BENCH_DIR"

LINES=${LINES:-10000000}
SEED=${SEED:-20261001}
GOACCESS_LINES=${GOACCESS_LINES:-1000000}
CLIENTELE=${CLIENTELE:-../.build/release/clientele}
SKIP_CLIENTELE=${SKIP_CLIENTELE:-0}
RUNS=${RUNS:-1}

die() { echo "run.sh: $*" >&2; exit 1; }
[[ $LINES =~ ^[0-9]+$ ]] && (( LINES > 0 )) || die "LINES must be a positive integer (got '$LINES')"
[[ $GOACCESS_LINES =~ ^[0-9]+$ ]] || die "GOACCESS_LINES must be a non-negative integer (got '$GOACCESS_LINES')"
[[ $RUNS =~ ^[0-9]+$ ]] && (( RUNS > 0 )) || die "RUNS must be a positive integer (got '$RUNS')"

# 10000000 -> 10M, 250000 -> 250k, 1234 -> 1234
label() {
    local n=$1
    if (( n % 1000000 == 0 )); then echo "$((n / 1000000))M"
    elif (( n % 1000 == 0 )); then echo "$((n / 1000))k"
    else echo "$n"; fi
}

# 1234567 -> 1,234,567
commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\|\.\)/\1,\2\3/' -e 'ta' <<< "$1"; }

# ---- tools ------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    echo "run.sh: /usr/bin/time is missing; installing the Debian package 'time'" >&2
    sudo_cmd=""
    (( $(id -u) == 0 )) || sudo_cmd=sudo
    $sudo_cmd apt-get install -y time >&2 || { $sudo_cmd apt-get update >&2 && $sudo_cmd apt-get install -y time >&2; }
fi
for tool in python3 gzip cc; do command -v "$tool" > /dev/null || die "$tool is needed"; done

mkdir -p data .build-bench
WORK=$(mktemp -d /tmp/clientele-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ---- data: generated once; again when the generator, the seed or the size changes --------------
NAME="access-$(label "$LINES")"
PLAIN="data/$NAME.log"
GZ="data/$NAME.log.gz"
STAMP="data/$NAME.stamp"
want_stamp="generate_log.py sha256 $(sha256sum generate_log.py | cut -c1-16), --lines $LINES --seed $SEED"
want_stamp+=" --start 2026-10-01T00:00:00 --days 30, gzip -6"
if [[ ! -s $PLAIN || ! -s $GZ || ! -f $STAMP || "$(cat "$STAMP")" != "$want_stamp" ]]; then
    echo "Generating $PLAIN and $GZ ($LINES lines, seed $SEED) ..." >&2
    start_ns=$(date +%s%N)
    # One pass: tee writes the plain file while gzip compresses on the second core. Temporary
    # names, renamed at the end, so a reader of an older copy is not disturbed.
    python3 generate_log.py --lines "$LINES" --seed "$SEED" --start 2026-10-01T00:00:00 --days 30 --out - \
        | tee "$PLAIN.tmp" | gzip -c -6 > "$GZ.tmp"
    mv -f "$PLAIN.tmp" "$PLAIN"
    mv -f "$GZ.tmp" "$GZ"
    echo "$want_stamp" > "$STAMP"
    echo "  generated in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms" >&2
fi

# ---- programs ---------------------------------------------------------------------------------
FLOOR=.build-bench/zlib_floor
if [[ ! -x $FLOOR || zlib_floor.c -nt $FLOOR ]]; then
    cc -O2 -o "$FLOOR" zlib_floor.c -lz
fi

clientele_note=""
if [[ $SKIP_CLIENTELE == 1 ]]; then
    clientele_note="skipped (SKIP_CLIENTELE=1)"
elif [[ ! -x $CLIENTELE ]]; then
    if [[ $CLIENTELE == ../.build/release/clientele ]]; then
        echo "Building Clientele: swift build -c release --package-path .. ..." >&2
        swift build -c release --package-path .. >&2 || clientele_note="release build failed"
        [[ -n $clientele_note || -x $CLIENTELE ]] || clientele_note="$CLIENTELE missing after the build"
    else
        clientele_note="CLIENTELE=$CLIENTELE not found"
    fi
fi

# GoAccess input: the first GOACCESS_LINES lines, cut once into their own file.
GA_INPUT=""
GA_LINES=0
if (( GOACCESS_LINES > 0 )) && command -v goaccess > /dev/null; then
    if (( GOACCESS_LINES >= LINES )); then
        GA_INPUT=$PLAIN
        GA_LINES=$LINES
    else
        GA_INPUT="data/$NAME.first-$(label "$GOACCESS_LINES").log"
        if [[ ! -s $GA_INPUT || $GA_INPUT -ot $PLAIN ]]; then
            head -n "$GOACCESS_LINES" "$PLAIN" > "$GA_INPUT.tmp"
            mv -f "$GA_INPUT.tmp" "$GA_INPUT"
        fi
        GA_LINES=$GOACCESS_LINES
    fi
fi

# ---- measuring --------------------------------------------------------------------------------
# CPU the rest of the machine used during one second, in % of one core. Other work running
# beside a benchmark skews it, so the table says when that was the case.
others_busy() {
    local _c a1 a2 a3 a4 a5 a6 a7 a8 b1 b2 b3 b4 b5 b6 b7 b8 _rest
    read -r _c a1 a2 a3 a4 a5 a6 a7 a8 _rest < /proc/stat # user nice system idle iowait irq softirq steal
    sleep 1
    read -r _c b1 b2 b3 b4 b5 b6 b7 b8 _rest < /proc/stat
    local busy=$(( (b1 + b2 + b3 + b6 + b7 + b8) - (a1 + a2 + a3 + a6 + a7 + a8) ))
    local total=$(( busy + (b4 + b5) - (a4 + a5) ))
    if (( total > 0 )); then echo $(( busy * 100 * $(nproc) / total )); else echo 0; fi
}

ROWS=()
HYPERFINE_CMDS=()
FLOOR_US=""

# measure TOOL INPUT LINES COMMAND...   (stdin from /dev/null, stdout to /dev/null)
measure() {
    local tool=$1 input=$2 lines=$3
    shift 3
    local rc=0 note="" busy
    # Untimed pass: puts the input in the page cache and checks that the command works.
    "$@" < /dev/null > /dev/null 2> "$WORK/warmup.err" || rc=$?
    if (( rc != 0 )); then
        echo "run.sh: '$*' exited with $rc:" >&2
        tail -n 5 "$WORK/warmup.err" >&2
        note="exit code $rc. "
    fi
    busy=$(others_busy)
    local walls=() rss_max=0 cpu="" i t0 t1 rss
    for (( i = 0; i < RUNS; i++ )); do
        t0=$(date +%s%N)
        /usr/bin/time -v -o "$WORK/time.txt" "$@" < /dev/null > /dev/null 2> "$WORK/run.err" || true
        t1=$(date +%s%N)
        walls+=($(( (t1 - t0) / 1000 ))) # microseconds
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
        if (( rss > rss_max )); then rss_max=$rss; fi
        cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$WORK/time.txt")
    done
    local us
    us=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    if [[ $tool == "zlib floor" ]]; then FLOOR_US=$us; fi
    local wall_s lps rss_mb ratio=""
    wall_s=$(awk -v us="$us" 'BEGIN {printf "%.2f", us / 1e6}')
    lps=$(commas "$(awk -v n="$lines" -v us="$us" 'BEGIN {printf "%d", n / (us / 1e6)}')")
    rss_mb=$(awk -v kb="$rss_max" 'BEGIN {printf "%.1f", kb / 1024}')
    [[ -z $FLOOR_US ]] || ratio=$(awk -v a="$us" -v b="$FLOOR_US" 'BEGIN {printf "%.2f", a / b}')
    if (( busy > 10 )); then note+="Busy machine: other processes used ${busy}% of a core just before."; fi
    ROWS+=("| $tool | $input | $(commas "$lines") | $wall_s | $lps | $rss_mb | $cpu | $ratio | $note |")
    HYPERFINE_CMDS+=("$(printf '%q ' "$@")")
    echo "  $tool, $input: ${wall_s} s" >&2
}

PLAIN_LINES=$(wc -l < "$PLAIN")
PLAIN_BYTES=$(stat -c %s "$PLAIN")
GZ_BYTES=$(stat -c %s "$GZ")

echo "Measuring ($RUNS timed run(s) per command) ..." >&2
measure "zlib floor" "$NAME.log.gz" "$PLAIN_LINES" "$FLOOR" "$GZ"
measure "gzip -dc" "$NAME.log.gz" "$PLAIN_LINES" gzip -dc "$GZ"
measure "wc -l" "$NAME.log" "$PLAIN_LINES" wc -l "$PLAIN"
if [[ -n $GA_INPUT ]]; then
    measure "goaccess --log-format=COMBINED" "$(basename "$GA_INPUT")" "$GA_LINES" \
        goaccess "$GA_INPUT" --log-format=COMBINED -o "$WORK/goaccess.json"
fi
if [[ -z $clientele_note ]]; then
    measure "clientele overview --json" "$NAME.log" "$PLAIN_LINES" "$CLIENTELE" overview --json --no-progress "$PLAIN"
    measure "clientele overview --json" "$NAME.log.gz" "$PLAIN_LINES" "$CLIENTELE" overview --json --no-progress "$GZ"
fi

# Two-core check: two zlib floors at once against one alone. A shared host does not always
# deliver a second full core; 1.00 means it did, 2.00 means there is effectively one core.
t0=$(date +%s%N)
"$FLOOR" "$GZ" > /dev/null & "$FLOOR" "$GZ" > /dev/null; wait
t1=$(date +%s%N)
TWO_CORE=$(awk -v both="$(( (t1 - t0) / 1000 ))" -v one="$FLOOR_US" 'BEGIN {printf "%.2f", both / one}')

# ---- report -----------------------------------------------------------------------------------
{
    echo "### $(date -u +%Y-%m-%d): $(commas "$PLAIN_LINES") lines, seed $SEED"
    echo
    echo "Machine: $(nproc) cores ($(lscpu | awk -F': +' '/Model name/ {print $2; exit}')),"\
         "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r)."\
         "Two zlib floors at once took ${TWO_CORE}x the time of one (1.00 = two full cores)."
    echo "Input: \`$PLAIN\` ($(commas "$PLAIN_BYTES") bytes,"\
         "$(awk -v b="$PLAIN_BYTES" -v n="$PLAIN_LINES" 'BEGIN {printf "%.1f", b / n}') bytes/line) and"\
         "\`$GZ\` ($(commas "$GZ_BYTES") bytes, gzip -6)."
    echo
    echo "| tool | input | lines | wall s | lines/s | peak RSS MB | CPU s | × zlib floor | note |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "lines/s = lines in the input / wall seconds (median of $RUNS warm run(s); input in the page cache)."
    echo "Peak RSS = \"Maximum resident set size\" from /usr/bin/time -v (mapped file pages count)."
    echo "CPU s = user + system seconds. × zlib floor = wall time / the zlib floor's wall time."
    if [[ -n $GA_INPUT ]] && (( GA_LINES < PLAIN_LINES )); then
        echo "GoAccess read only the first $(commas "$GA_LINES") lines (GOACCESS_LINES=$GOACCESS_LINES);"\
             "its lines/s is over those lines. GOACCESS_LINES=$LINES runs it on the whole file."
    fi
    if [[ -n $clientele_note ]]; then echo "Clientele: $clientele_note."; fi
    echo "Versions: $(goaccess --version 2> /dev/null | head -n 1 | sed 's/ *\.$//' || true),"\
         "$(gzip --version | head -n 1), zlib $(dpkg-query -W -f '${Version}' zlib1g 2> /dev/null || echo '?'),"\
         "$(python3 --version)."
} | tee data/last-run.md

if (( RUNS > 1 )) && command -v hyperfine > /dev/null; then
    echo
    echo "hyperfine (wall time):"
    hyperfine --warmup 1 --runs "$RUNS" "${HYPERFINE_CMDS[@]}"
fi
