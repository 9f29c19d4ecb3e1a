# Shared helpers of the benchmark harness: logging, free loopback ports, process bookkeeping, RSS sampling.
# Sourced by bench/run.sh; every process started here is recorded in BENCH_PIDS and ended by bench_cleanup.

BENCH_PIDS=()

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# seconds_since START_MS [PRINTF_FORMAT]: seconds elapsed since now_ms printed START_MS (default "%.3f")
seconds_since() { awk -v ms=$(($(now_ms) - $1)) -v f="${2:-%.3f}" 'BEGIN { printf f, ms / 1000 }'; }

# A TCP port on 127.0.0.1 nobody listens on (random in 20000-59999, checked by connecting).
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free loopback port found"
}

# Remembers a background process so that cleanup ends it (by its pid, never by name).
track_pid() { BENCH_PIDS+=("$1"); }

# Ends one process we started: TERM, then KILL after a grace period.
stop_pid() {
    local pid=$1 grace=${2:-10}
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 10))); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_tracked() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        stop_pid "$pid" 5
    done
    BENCH_PIDS=()
}

# Waits until an HTTP GET on the URL answers 2xx, at most $2 seconds.
wait_http() {
    local url=$1 timeout=${2:-60} deadline
    deadline=$(($(date +%s) + timeout))
    while (($(date +%s) < deadline)); do
        if curl -fs -o /dev/null --max-time 2 "$url"; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples VmRSS of pid $1 every 200 ms into file $2 (one value in kB per line) until stopped.
start_rss_sampler() {
    local pid=$1 out=$2
    (
        while kill -0 "$pid" 2>/dev/null; do
            awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null
            sleep 0.2
        done
    ) >>"$out" &
    RSS_SAMPLER_PID=$!
    track_pid "$RSS_SAMPLER_PID"
}

max_of_file() { sort -n "$1" 2>/dev/null | tail -1; }

# Value of "key=value" from the BENCH lines that bench/lua/common.lua prints at the end of a wrk run.
wrk_value() { grep -o "^BENCH $2=[^ ]*" "$1" | head -1 | cut -d= -f2; }

# Ratio a/b with two decimals, "n/a" when either is missing or b is zero.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a / b }'
}

# CPU accounting over a phase: "total idle service pid:ticks,pid:ticks…" in clock ticks (all cores), from /proc; the
# service is the process $1 (0: none), the list is the postmaster $2 and its children (backends come and go, so
# cpu_report counts only those alive at both ends).
cpu_snapshot() {
    local service_pid=${1:-0} pg_pid=${2:-0} total idle svc=0 pg=
    read -r total idle < <(awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6}' /proc/stat)
    if [[ $service_pid != 0 && -r /proc/$service_pid/stat ]]; then
        svc=$(awk '{print $14 + $15}' "/proc/$service_pid/stat" 2>/dev/null || echo 0)
    fi
    if [[ $pg_pid != 0 ]]; then
        # cat, not awk over the glob: mawk stops at the first /proc entry that vanished in between (a short-lived
        # process), which silently dropped PostgreSQL's CPU from a whole phase.
        pg=$(cat /proc/[0-9]*/stat 2>/dev/null \
            | awk -v pm="$pg_pid" '$1 == pm || $4 == pm {printf "%s%s:%d", sep, $1, $14 + $15; sep = ","}' || true)
    fi
    echo "$total $idle $svc ${pg:--}"
}

# cpu_report BEFORE AFTER [SERVICE_NAME|-] [OPS_PER_S]: "machine 1.95/2 cores busy (firebreak 1.10, postgres 0.60, …)",
# plus the CPU milliseconds per operation when the rate is given: a cost that other load on the machine hardly moves.
cpu_report() {
    local cores
    cores=$(nproc)
    awk -v cores="$cores" -v a="$1" -v b="$2" -v name="${3:-firebreak}" -v rate="${4:-0}" 'BEGIN {
        split(a, x, " "); split(b, y, " ");
        dt = y[1] - x[1]; if (dt <= 0) { print "n/a"; exit }
        n = split(x[4], before, ","); for (i = 1; i <= n; i++) { split(before[i], kv, ":"); start[kv[1]] = kv[2] }
        n = split(y[4], after, ","); pgt = 0
        for (i = 1; i <= n; i++) { split(after[i], kv, ":"); if (kv[1] in start) pgt += kv[2] - start[kv[1]] }
        busy = (dt - (y[2] - x[2])) / dt * cores; fb = (y[3] - x[3]) / dt * cores; pg = pgt / dt * cores;
        other = busy - fb - pg; if (other < 0) other = 0;
        service = (name == "-") ? "" : sprintf("%s %.2f, ", name, fb);
        printf "machine %.2f/%d cores busy (%spostgres %.2f, load generator and everything else %.2f)", busy, cores, service, pg, other
        if (rate > 0) {
            printf "; CPU per operation: %spostgres %.2f ms", (name == "-") ? "" : sprintf("%s %.2f ms, ", name, fb / rate * 1000), pg / rate * 1000
        }
    }'
}

# CPU ticks per thread group of process $1 ("name ticks" lines; digits dropped from thread names so pools add up).
thread_cpu_snapshot() {
    local task
    for task in /proc/"$1"/task/*; do
        cat "$task/stat" 2>/dev/null
    done | awk '{
        name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name); gsub(/[0-9]+/, "N", name)
        rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
        ticks[name] += f[12] + f[13]
    } END { for (n in ticks) print n "\t" ticks[n] }'
}

# thread_cpu_report BEFORE_FILE AFTER_FILE SECONDS: the busiest thread groups, in cores.
thread_cpu_report() {
    local hz
    hz=$(getconf CLK_TCK)
    awk -F'\t' -v hz="$hz" -v s="$3" 'NR == FNR { before[$1] = $2; next } { d = ($2 - before[$1]) / hz / s; if (d > 0.005) print d "\t" $1 }' \
        "$1" "$2" | sort -rn | head -8 | awk -F'\t' '{ printf "%s%s %.2f", sep, $2, $1; sep = ", " }'
}
