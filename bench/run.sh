#!/usr/bin/env bash
# Firebreak ingest benchmark: one command, side-by-side figures on this machine, one summary block.
#
#   bench/run.sh [--duration 30s] [--warmup 60s] [--connections 32] [--threads 2] [--incidents 1000000]
#                [--skip-install] [--skip-build] [--quick] [--profile] [--no-appcds]
#                [--only push,pgbench,alertmanager,pull,read]
#
# Installs wrk and prometheus-alertmanager from Debian if missing, builds the service jar, starts a dedicated
# PostgreSQL 15 (fsync and synchronous_commit on) in a temp dir, then measures in turn: Firebreak startup to the first
# 204; Firebreak push ingest at saturation and at half that rate; pgbench running Firebreak's own per-alert SQL at the
# pool size (16) and at 4 clients; Prometheus Alertmanager receiving the same alerts; the pull path against the
# Pub/Sub emulator; the REST read path over 1,000,000 incidents. Prints the summary and writes it to
# bench/results/<date>.txt. --profile adds where Firebreak's Java threads spend CPU at peak (JFR). --only runs a subset
# of the phases (push always runs; e.g. --only push,pgbench for the ingest CPU per alert against its SQL ceiling).
# Loopback only; everything it starts is stopped by the exit trap (BENCH_KEEP_WORK=DIR keeps a copy of its work dir:
# logs, wrk output). See bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench
source "$BENCH_DIR/lib/common.sh"
source "$BENCH_DIR/lib/postgres.sh"
source "$BENCH_DIR/lib/services.sh"

DURATION=30s
# The JVM needs about a minute of load on 2 busy cores before C2 stops compiling (measured: compiler threads 0.2 cores
# after 30 s, 0.05 after 90 s); Alertmanager (Go) and pgbench (C) need no JIT warm-up and get at most 10 s.
WARMUP=60s
CONNECTIONS=32
THREADS=2
INCIDENTS=1000000
READ_CONNECTIONS=4
INSTALL=1
BUILD=1
PROFILE=0
APPCDS=1
ONLY=push,pgbench,alertmanager,pull,read
while (($#)); do
    case $1 in
        --duration) DURATION=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --incidents) INCIDENTS=$2; shift ;;
        --skip-install) INSTALL=0 ;;
        --skip-build) BUILD=0 ;;
        --quick) DURATION=5s; WARMUP=5s; INCIDENTS=20000 ;;
        --profile) PROFILE=1 ;;
        --no-appcds) APPCDS=0 ;;
        --only) ONLY=$2; shift ;;
        -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[[ $DURATION =~ ^[0-9]+s$ && $WARMUP =~ ^[0-9]+s$ ]] || die "--duration and --warmup take seconds, like 30s"
[[ ,$ONLY, =~ ^(,(push|pgbench|alertmanager|pull|read))+,$ ]] || die "--only takes push,pgbench,alertmanager,pull,read"
phase() { [[ ,$ONLY, == *,$1,* ]]; }
SKIPPED="skipped (--only $ONLY)"
SECONDS_RUN=${DURATION%s}
PEER_WARMUP=$((${WARMUP%s} < 10 ? ${WARMUP%s} : 10))s
READ_WARMUP=$((${WARMUP%s} < 20 ? ${WARMUP%s} : 20))s

# ---------------------------------------------------------------- setup
if ((INSTALL)); then
    missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
    if ((${#missing[@]})); then
        log "installing ${missing[*]} from Debian"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi
for tool in wrk prometheus-alertmanager curl "$PG_BIN/initdb" "$PG_BIN/pgbench"; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
if ((BUILD)); then
    log "building the service jar"
    ./mvnw -B -q package -DskipTests
fi
[[ -f $FIREBREAK_JAR ]] || die "$FIREBREAK_JAR not found (build it, or drop --skip-build)"

WORK=$(mktemp -d /tmp/firebreak-bench.XXXXXX)
chmod 755 "$WORK"
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_tracked
    pg_stop
    if ((rc != 0)) && [[ -f ${FB_LOG:-} ]]; then
        log "last lines of the Firebreak log ($(basename "$FB_LOG")):"
        tail -15 "$FB_LOG" >&2 || true
    fi
    [[ -n ${BENCH_KEEP_WORK:-} ]] && cp -r "$WORK" "$BENCH_KEEP_WORK" 2>/dev/null
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BENCH_LUA_DIR=$BENCH_DIR/lua BENCH_THREADS=$THREADS
RUN_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "run $RUN_DATE on $(nproc) cores, load average $LOAD_BEFORE; $DURATION per measurement after warm-up ($WARMUP Firebreak, $PEER_WARMUP peers)"

# wrk_run NAME LUA URL [wrk options…] (env BENCH_* set by the caller): output in $WORK/NAME.out; sets WRK_CPU_MS, the
# load generator's own CPU milliseconds per request.
wrk_run() {
    local name=$1 script=$2 url=$3 TIMEFORMAT='%U %S' rc=0
    shift 3
    { time wrk -t "$THREADS" --timeout 10s --latency -s "$BENCH_LUA_DIR/$script" "$@" "$url" >"$WORK/$name.out" 2>&1 \
        || rc=$?; } 2>"$WORK/$name.time"
    ((rc == 0)) || die "wrk $name failed: $(tail -5 "$WORK/$name.out")"
    grep -q '^BENCH ok=' "$WORK/$name.out" || die "wrk $name printed no figures: $(tail -5 "$WORK/$name.out")"
    WRK_CPU_MS=$(awk -v n="$(wrk_value "$WORK/$name.out" requests)" '{ if (n > 0) printf "%.2f", ($1 + $2) * 1000 / n }' \
        "$WORK/$name.time")
}

PG_PORT=$(free_port)
pg_start "$WORK/pg" "$PG_PORT"
PG_MASTER_PID=$(head -1 "$WORK/pg/data/postmaster.pid")
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync=on, synchronous_commit=on)"
sql() { pg_psql "$PG_DB" -At -c "$1"; }

# The service runs with the JVM options it is deployed with (the heap cap and GC of the container image), unless
# JAVA_OPTS is set. With AppCDS (the default), a training run against a scratch database first records the classes the
# service loads until its first answer, as the image's build does.
if [[ -z ${JAVA_OPTS+x} ]]; then
    JAVA_OPTS=$(deployment_jvm_flags)
    JVM_OPTS_SOURCE="the container image's (src/main/docker/Dockerfile.jvm)"
else
    JVM_OPTS_SOURCE="JAVA_OPTS"
fi
log "JVM options: ${JAVA_OPTS:-(none)} from $JVM_OPTS_SOURCE"
if ((APPCDS)); then
    pg_psql postgres -c "CREATE DATABASE firebreak_cds OWNER $PG_USER" >/dev/null
    CDS_FILE=$WORK/app-cds.jsa
    JAVA_OPTS_PLAIN=$JAVA_OPTS
    JAVA_OPTS="$JAVA_OPTS_PLAIN -XX:ArchiveClassesAtExit=$CDS_FILE" firebreak_start "$WORK/firebreak-cds.log" \
        FIREBREAK_DB_URL="${PG_JDBC_URL%/*}/firebreak_cds"
    # stopped right after its first answer, like the image's training: the archive holds the startup classes only,
    # and every class in it is mapped into the service's RSS
    firebreak_first_204_ms 120 >/dev/null
    firebreak_stop
    if [[ -s $CDS_FILE ]]; then
        JAVA_OPTS="$JAVA_OPTS_PLAIN -XX:SharedArchiveFile=$CDS_FILE"
        log "AppCDS archive from a training run: $(($(stat -c %s "$CDS_FILE") / 1048576)) MB"
    else
        JAVA_OPTS=$JAVA_OPTS_PLAIN
        log "AppCDS training wrote no archive; measuring without it"
    fi
fi

# ---------------------------------------------------------------- 1. Firebreak: startup, push at peak, half rate
# The service's group-commit batches so far: "messages batches" (0 0 when the metrics cannot be read).
batch_totals() {
    curl -s "http://127.0.0.1:$FB_PORT/q/metrics" | awk '/^firebreak_ingest_batch_size_sum/ {s = $2}
        /^firebreak_ingest_batch_size_count/ {c = $2} END { printf "%d %d\n", s, c }'
}
# batch_mean SUM_A COUNT_A SUM_B COUNT_B: messages per batch between two batch_totals readings
batch_mean() { awk -v s=$(($3 - $1)) -v c=$(($4 - $2)) 'BEGIN { if (c > 0) printf "%.1f", s / c; else print "n/a" }'; }
# The first push is logged statement by statement, to check that the pgbench script is still the service's SQL.
pg_psql postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
firebreak_start "$WORK/firebreak.log"
FIRST_204_MS=$(firebreak_first_204_ms 120)
log "Firebreak answered its first 204 after $FIRST_204_MS ms (pid $FB_PID, port $FB_PORT); Quarkus says: $(grep -o 'started in [0-9.]*s' "$WORK/firebreak.log" | head -1)"
pg_psql postgres -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
awk -v mode=log -f "$BENCH_DIR/lib/sql-signature.awk" "$WORK/pg/postgres.log" >"$WORK/sql.service"
awk -v mode=script -f "$BENCH_DIR/lib/sql-signature.awk" "$BENCH_DIR/pgbench/ingest-new-incident.sql" >"$WORK/sql.script"
if [[ -s $WORK/sql.service ]] && cmp -s "$WORK/sql.service" "$WORK/sql.script"; then
    SQL_CHECK="same $(wc -l <"$WORK/sql.script") statements as the service ran for its first push ($(paste -sd, "$WORK/sql.script" | sed 's/,/, /g'))"
else
    SQL_CHECK="DIFFERS from the service: it ran [$(paste -sd, "$WORK/sql.service")], the script has [$(paste -sd, "$WORK/sql.script")]: update bench/pgbench/ingest-new-incident.sql"
fi
log "pgbench script: $SQL_CHECK"
sleep 5
RSS_IDLE_KB=$(rss_kb "$FB_PID")

# Starting JFR makes the JIT recompile for a while, so with --profile it records from the warm-up on and only the
# samples of the measured window are counted.
((PROFILE)) && jcmd "$FB_PID" JFR.start name=bench settings=profile filename="$WORK/push.jfr" >/dev/null
log "push warm-up ($WARMUP, $CONNECTIONS connections)"
BENCH_TAG=w BENCH_OK_STATUS=204 wrk_run push-warmup push.lua "http://127.0.0.1:$FB_PORT/pubsub/push" \
    -c "$CONNECTIONS" -d "$WARMUP"
pg_recycle_wal
log "push measurement ($DURATION)"
WAL_FILES_A=$(pg_wal_files)
: >"$WORK/rss.samples"
start_rss_sampler "$FB_PID" "$WORK/rss.samples"
PUSH_FROM=$(date +%H:%M:%S)
thread_cpu_snapshot "$FB_PID" >"$WORK/threads.a"
PUSH_START_MS=$(now_ms)
CPU_A=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
BENCH_TAG=p BENCH_OK_STATUS=204 wrk_run push push.lua "http://127.0.0.1:$FB_PORT/pubsub/push" \
    -c "$CONNECTIONS" -d "$DURATION"
CPU_B=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
thread_cpu_snapshot "$FB_PID" >"$WORK/threads.b"
PUSH_THREADS=$(thread_cpu_report "$WORK/threads.a" "$WORK/threads.b" "$(seconds_since "$PUSH_START_MS")")
PUSH_RATE=$(wrk_value "$WORK/push.out" ok_per_s)
PUSH_WAL_CREATED=$(($(pg_wal_files) - WAL_FILES_A))
PUSH_WRK_CPU_MS=$WRK_CPU_MS
PROFILE_TEXT=
if ((PROFILE)); then
    PUSH_TO=$(date +%H:%M:%S)
    jcmd "$FB_PID" JFR.stop name=bench >/dev/null
    PROFILE_TEXT=$(jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/push.jfr" \
        | awk -v from="$PUSH_FROM" -v to="$PUSH_TO" -f "$BENCH_DIR/lib/jfr-top.awk")
fi
PUSH_CPU=$(cpu_report "$CPU_A" "$CPU_B" firebreak "$PUSH_RATE")
PUSH_OK=$(wrk_value "$WORK/push.out" ok)
PUSH_ERRORS=$(wrk_value "$WORK/push.out" errors)
PUSH_P50=$(wrk_value "$WORK/push.out" p50_ms)
PUSH_P99=$(wrk_value "$WORK/push.out" p99_ms)
# since the service started: warm-up and measurement
BATCH_MEAN=$(batch_mean 0 0 $(batch_totals))
log "push: $PUSH_RATE/s answered 204, p50 $PUSH_P50 ms, p99 $PUSH_P99 ms, errors $PUSH_ERRORS; $PUSH_CPU"

# Harness self-check: every 204 of the measured phase is a distinct new incident, committed.
# (wrk stops with requests in flight, so the database may hold a few more than were answered.)
read -r CHECK_INBOX CHECK_OPENED CHECK_INCIDENTS CHECK_QUARANTINED < <(sql "SELECT count(*),
    count(*) FILTER (WHERE outcome = 'opened'), count(DISTINCT incident_id), (SELECT count(*) FROM quarantine)
    FROM inbox_message WHERE source_incident_id LIKE 'p-%'" | tr '|' ' ')
if ((PUSH_OK > 0 && CHECK_OPENED >= PUSH_OK && CHECK_OPENED <= PUSH_OK + CONNECTIONS && CHECK_INCIDENTS == CHECK_OPENED
    && CHECK_INBOX == CHECK_OPENED && CHECK_QUARANTINED == 0)); then
    HARNESS_CHECK="ok ($PUSH_OK answered 204; $CHECK_OPENED distinct notifications committed, each opened its own incident; nothing quarantined)"
else
    HARNESS_CHECK="FAILED ($PUSH_OK answered 204; inbox $CHECK_INBOX, opened $CHECK_OPENED, incidents $CHECK_INCIDENTS, quarantined $CHECK_QUARANTINED)"
fi
log "harness check: $HARNESS_CHECK"

# Half rate is a steady-state figure: first let the notifier deliver the backlog the saturation phases left behind.
DRAIN_START_MS=$(now_ms)
while (($(sql "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL") > 0 \
    && $(now_ms) - DRAIN_START_MS < 300000)); do
    sleep 1
done
DRAIN_S=$(seconds_since "$DRAIN_START_MS" %.0f)
log "outbox backlog of the saturation phases delivered (log-only notifier) in ${DRAIN_S} s"
# ...and let autovacuum finish cleaning up after the saturation phases (~170,000 new rows per table): on 2 cores a
# vacuum worker takes one of them, and that aftermath is not the steady state at half rate. Autovacuum that the
# half-rate phase itself triggers still counts, and the runs during the phase are printed with it.
VACUUM_START_MS=$(now_ms)
QUIET_CHECKS=0
while ((QUIET_CHECKS < 3 && $(now_ms) - VACUUM_START_MS < 180000)); do
    if (($(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") == 0)); then
        QUIET_CHECKS=$((QUIET_CHECKS + 1))
    else
        QUIET_CHECKS=0
    fi
    sleep 1
done
VACUUM_WAIT_S=$(seconds_since "$VACUUM_START_MS" %.0f)
log "no autovacuum worker for 3 s (waited ${VACUUM_WAIT_S} s)"
HALF_RATE=$(awk -v r="$PUSH_RATE" 'BEGIN { printf "%d", r / 2 }')
log "push at half the peak: $HALF_RATE/s for $DURATION (paced by bench/lua/common.lua delay())"
# What else ran meanwhile: on 2 cores, an autovacuum worker or a checkpoint takes CPU the requests then wait for.
pg_checkpoints() { sql "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter"; }
# per table: "name vacuum analyze" counters, to say which tables the phase's housekeeping was for
pg_table_housekeeping() {
    sql "SELECT relname, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables ORDER BY relname" | tr '|' ' '
}
pg_recycle_wal
CHECKPOINTS_A=$(pg_checkpoints)
WAL_FILES_A=$(pg_wal_files)
pg_table_housekeeping >"$WORK/tables.a"
read -r BATCH_SUM_A BATCH_COUNT_A < <(batch_totals)
thread_cpu_snapshot "$FB_PID" >"$WORK/threads-half.a"
HALF_START_MS=$(now_ms)
CPU_A=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
BENCH_TAG=h BENCH_OK_STATUS=204 BENCH_RATE=$HALF_RATE wrk_run push-half push.lua \
    "http://127.0.0.1:$FB_PORT/pubsub/push" -c "$CONNECTIONS" -d "$DURATION"
CPU_B=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
thread_cpu_snapshot "$FB_PID" >"$WORK/threads-half.b"
HALF_THREADS=$(thread_cpu_report "$WORK/threads-half.a" "$WORK/threads-half.b" "$(seconds_since "$HALF_START_MS")")
HALF_BATCH_MEAN=$(batch_mean "$BATCH_SUM_A" "$BATCH_COUNT_A" $(batch_totals))
CHECKPOINTS_B=$(pg_checkpoints)
HALF_WAL_CREATED=$(($(pg_wal_files) - WAL_FILES_A))
pg_table_housekeeping >"$WORK/tables.b"
# "runs per-table-text": all autovacuum and autoanalyze runs of the phase, then them per table
read -r HALF_AUTOVACUUM HALF_HOUSEKEEPING < <(awk 'NR == FNR { v[$1] = $2; a[$1] = $3; next }
    { dv = $2 - v[$1]; da = $3 - a[$1]; total += dv + da; if (dv + da > 0) { text = text sep $1 " " dv "+" da; sep = ", " } }
    END { printf "%d %s\n", total, (sep == "" ? "none" : text) }' "$WORK/tables.a" "$WORK/tables.b")
HALF_ACHIEVED=$(wrk_value "$WORK/push-half.out" ok_per_s)
HALF_P50=$(wrk_value "$WORK/push-half.out" p50_ms)
HALF_P99=$(wrk_value "$WORK/push-half.out" p99_ms)
HALF_ERRORS=$(wrk_value "$WORK/push-half.out" errors)
HALF_CPU="$(cpu_report "$CPU_A" "$CPU_B" firebreak "$HALF_ACHIEVED"); autovacuum and autoanalyze runs $HALF_AUTOVACUUM, checkpoints $((CHECKPOINTS_B - CHECKPOINTS_A)), WAL segments created $HALF_WAL_CREATED"
log "half rate: achieved $HALF_ACHIEVED/s, p50 $HALF_P50 ms, p99 $HALF_P99 ms, errors $HALF_ERRORS; $HALF_CPU"

stop_pid "$RSS_SAMPLER_PID" 2
RSS_PEAK_KB=$(max_of_file "$WORK/rss.samples")
RSS_HWM_KB=$(hwm_kb "$FB_PID")
OUTBOX_PENDING=$(sql "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL")
firebreak_stop

# ---------------------------------------------------------------- 2. the database ceiling: pgbench, Firebreak's SQL
PGBENCH_16= PGBENCH_4=$SKIPPED PGBENCH_CPU=$SKIPPED PGBENCH_CLIENT_CPU_MS=n/a
if phase pgbench; then
PGBENCH_SCRIPT=$BENCH_DIR/pgbench/ingest-new-incident.sql
pgbench_tps() { # clients seconds tag; its own CPU time in $WORK/pgbench-TAG.time
    local TIMEFORMAT='%U %S' rc=0
    { time pg_bench -n -M prepared -c "$1" -j "$THREADS" -T "$2" -D tag="$3" -D seq=0 -f "$PGBENCH_SCRIPT" \
        >"$WORK/pgbench-$3.out" 2>&1 || rc=$?; } 2>"$WORK/pgbench-$3.time"
    ((rc == 0)) || die "pgbench failed: $(tail -5 "$WORK/pgbench-$3.out")"
    grep -q 'number of failed transactions: 0 ' "$WORK/pgbench-$3.out" || die "pgbench had failed transactions"
    awk '/^tps = / {printf "%.1f", $3}' "$WORK/pgbench-$3.out"
}
log "pgbench warm-up ($PEER_WARMUP, 16 clients)"
pgbench_tps 16 "${PEER_WARMUP%s}" 900 >/dev/null
pg_recycle_wal
log "pgbench: Firebreak's per-alert SQL, 16 clients (pool size), $DURATION"
# CPU is read inside the run: pgbench's backends exit with it, and their CPU time with them.
(sleep 1 && cpu_snapshot 0 "$PG_MASTER_PID" >"$WORK/cpu.a" && sleep $((SECONDS_RUN - 2)) \
    && cpu_snapshot 0 "$PG_MASTER_PID" >"$WORK/cpu.b") &
CPU_PROBE_PID=$!
track_pid "$CPU_PROBE_PID"
PGBENCH_16=$(pgbench_tps 16 "$SECONDS_RUN" 916)
wait "$CPU_PROBE_PID" || true
PGBENCH_CPU=$(cpu_report "$(cat "$WORK/cpu.a" 2>/dev/null)" "$(cat "$WORK/cpu.b" 2>/dev/null)" - "$PGBENCH_16")
PGBENCH_16_LAT=$(awk '/^latency average/ {print $4}' "$WORK/pgbench-916.out")
PGBENCH_CLIENT_CPU_MS=$(awk -v n="$(awk '/actually processed/ {print $NF}' "$WORK/pgbench-916.out")" \
    '{ if (n > 0) printf "%.2f", ($1 + $2) * 1000 / n }' "$WORK/pgbench-916.time")
log "pgbench 4 clients, $DURATION"
pg_recycle_wal
PGBENCH_4=$(pgbench_tps 4 "$SECONDS_RUN" 904)
log "pgbench: $PGBENCH_16 tps at 16 clients (mean $PGBENCH_16_LAT ms), $PGBENCH_4 tps at 4; $PGBENCH_CPU"
fi

# ---------------------------------------------------------------- 3. the peer: Prometheus Alertmanager
AM_RATE= AM_P99=n/a AM_ERRORS=n/a AM_RSS_KB=0 AM_CPU=$SKIPPED AM_WRK_CPU_MS=n/a
if phase alertmanager; then
alertmanager_start "$WORK/alertmanager"
log "Alertmanager on 127.0.0.1:$AM_PORT: warm-up and $DURATION"
BENCH_TAG=aw BENCH_OK_STATUS=200 wrk_run am-warmup alertmanager.lua "http://127.0.0.1:$AM_PORT" \
    -c "$CONNECTIONS" -d "$PEER_WARMUP"
CPU_A=$(cpu_snapshot "$AM_PID" "$PG_MASTER_PID")
BENCH_TAG=a BENCH_OK_STATUS=200 wrk_run am alertmanager.lua "http://127.0.0.1:$AM_PORT" -c "$CONNECTIONS" -d "$DURATION"
CPU_B=$(cpu_snapshot "$AM_PID" "$PG_MASTER_PID")
AM_RATE=$(wrk_value "$WORK/am.out" ok_per_s)
AM_WRK_CPU_MS=$WRK_CPU_MS
AM_CPU=$(cpu_report "$CPU_A" "$CPU_B" alertmanager "$AM_RATE")
AM_P99=$(wrk_value "$WORK/am.out" p99_ms)
AM_ERRORS=$(wrk_value "$WORK/am.out" errors)
AM_RSS_KB=$(rss_kb "$AM_PID")
alertmanager_stop
log "Alertmanager: $AM_RATE alerts/s, p99 $AM_P99 ms, errors $AM_ERRORS"
fi

# ---------------------------------------------------------------- 4. the pull path
# Reference: the emulator's own publish rate (N distinct notifications over REST, nobody pulling, after a warm-up
# publish to a topic without subscribers). Then Firebreak pulls: a warm-up backlog first (the JVM is new), then N more
# published while it pulls, timed from the start of that publish until all N are committed (inbox transport 'pull').
PULL_RESULT=$SKIPPED PULL_CPU=$SKIPPED
if phase pull; then
pull_committed() { sql "SELECT count(*) FROM inbox_message WHERE transport = 'pull'"; }
wait_pull_committed() { # count timeout_s
    local deadline=$(($(date +%s) + $2))
    while (($(pull_committed) < $1)); do
        (($(date +%s) < deadline)) || die "pull: fewer than $1 messages committed after $2 s"
        kill -0 "$FB_PID" 2>/dev/null || die "Firebreak exited while pulling"
        sleep 0.2
    done
}
publish() { # topic count tag
    java "$BENCH_DIR/pull/PublishAlerts.java" --rest "$EMU_REST" --project bench --topic "$1" --count "$2" --tag "$3" \
        --sample "$SAMPLE_NOTIFICATION" || die "publishing to the emulator failed"
}
PULL_COUNT=$((INCIDENTS >= 1000000 ? 20000 : 5000))
PULL_WARMUP_COUNT=$((PULL_COUNT / 2))
pubsub_emulator_start "$WORK/emulator"
emulator_put projects/bench/topics/warmup '{}'
emulator_put projects/bench/topics/alerts '{}'
emulator_put projects/bench/subscriptions/firebreak-pull \
    '{"topic":"projects/bench/topics/alerts","ackDeadlineSeconds":30}'
log "Pub/Sub emulator on 127.0.0.1:$EMU_PORT: publish warm-up, then $PULL_WARMUP_COUNT alerts as the reference"
publish warmup "$PULL_COUNT" xw >/dev/null
PUBLISH_OUT=$(publish alerts "$PULL_WARMUP_COUNT" pw)
PUBLISH_RATE=$(grep -o 'per_s=[0-9.]*' <<<"$PUBLISH_OUT" | cut -d= -f2)
log "emulator publish rate: $PUBLISH_RATE/s; starting Firebreak with the pull subscriber"
firebreak_start "$WORK/firebreak-pull.log" FIREBREAK_PUBSUB_PULL_ENABLED=true FIREBREAK_PUBSUB_PROJECT=bench \
    FIREBREAK_PUBSUB_SUBSCRIPTION=firebreak-pull FIREBREAK_PUBSUB_EMULATOR_HOST="127.0.0.1:$EMU_PORT"
wait_pull_committed "$PULL_WARMUP_COUNT" 600
log "warm-up backlog of $PULL_WARMUP_COUNT pulled; publishing $PULL_COUNT while Firebreak pulls"
pg_recycle_wal
PULL_START_MS=$(now_ms)
CPU_A=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
publish alerts "$PULL_COUNT" pl >/dev/null
wait_pull_committed $((PULL_WARMUP_COUNT + PULL_COUNT)) 900
PULL_MS=$(($(now_ms) - PULL_START_MS))
CPU_B=$(cpu_snapshot "$FB_PID" "$PG_MASTER_PID")
PULL_RATE=$(awk -v n="$PULL_COUNT" -v ms="$PULL_MS" 'BEGIN { printf "%.1f", n * 1000 / ms }')
PULL_CPU=$(cpu_report "$CPU_A" "$CPU_B" firebreak "$PULL_RATE")
read -r PULL_OPENED PULL_INCIDENTS < <(sql "SELECT count(*) FILTER (WHERE outcome = 'opened'), count(DISTINCT incident_id)
    FROM inbox_message WHERE transport = 'pull' AND source_incident_id LIKE 'pl-%'" | tr '|' ' ')
firebreak_stop
pubsub_emulator_stop
PULL_CHECK=$([[ $PULL_OPENED -eq $PULL_COUNT && $PULL_INCIDENTS -eq $PULL_COUNT ]] && echo "ok: $PULL_COUNT distinct incidents opened" \
    || echo "FAILED: $PULL_OPENED opened, $PULL_INCIDENTS incidents")
PULL_RESULT="$PULL_COUNT alerts committed in $(awk -v ms="$PULL_MS" 'BEGIN { printf "%.1f", ms / 1000 }') s = $PULL_RATE alerts/s; emulator publish $PUBLISH_RATE/s; pull/publish $(ratio "$PULL_RATE" "$PUBLISH_RATE") ($PULL_CHECK)"
log "pull path: $PULL_RESULT"
fi

# ---------------------------------------------------------------- 5. the REST read path over many incidents
LOAD_S=0 TOTAL_INCIDENTS=n/a RESTART_204_MS=n/a read_first_summary=$SKIPPED read_filter_summary=$SKIPPED
READ_FIRST_PATH="/api/v1/incidents?limit=50"
READ_FILTER_PATH="/api/v1/incidents?status=open&severity=critical&limit=50"
if phase read; then
log "loading $INCIDENTS incidents (generate_series)"
LOAD_START=$(now_ms)
pg_psql "$PG_DB" -v n="$INCIDENTS" -f "$BENCH_DIR/sql/load-incidents.sql" >/dev/null
LOAD_S=$(seconds_since "$LOAD_START" %.0f)
TOTAL_INCIDENTS=$(sql "SELECT count(*) FROM incident")
log "loaded in $LOAD_S s; $TOTAL_INCIDENTS incidents in the database"
firebreak_start "$WORK/firebreak.log"
RESTART_204_MS=$(firebreak_first_204_ms 120)
log "restarted: first 204 after $RESTART_204_MS ms"
read_path() { # name path
    local url="http://127.0.0.1:$FB_PORT$2"
    curl -fs -o "$WORK/$1.json" "$url" || die "GET $2 failed"
    grep -q '"items":\[{' "$WORK/$1.json" || die "GET $2 returned no incidents: $(head -c 300 "$WORK/$1.json")"
    BENCH_TAG=r BENCH_OK_STATUS=200 wrk_run "$1-warmup" get.lua "$url" -c "$READ_CONNECTIONS" -d "$READ_WARMUP"
    BENCH_TAG=r BENCH_OK_STATUS=200 wrk_run "$1" get.lua "$url" -c "$READ_CONNECTIONS" -d "$DURATION"
}
log "GET $READ_FIRST_PATH ($READ_CONNECTIONS connections, $DURATION)"
read_path read-first "$READ_FIRST_PATH"
log "GET $READ_FILTER_PATH ($READ_CONNECTIONS connections, $DURATION)"
read_path read-filter "$READ_FILTER_PATH"
firebreak_stop
for name in read-first read-filter; do
    printf -v "${name//-/_}_summary" '%s/s, p50 %s ms, p99 %s ms, errors %s' "$(wrk_value "$WORK/$name.out" ok_per_s)" \
        "$(wrk_value "$WORK/$name.out" p50_ms)" "$(wrk_value "$WORK/$name.out" p99_ms)" "$(wrk_value "$WORK/$name.out" errors)"
done
fi

# ---------------------------------------------------------------- summary
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {
    if (v == "" || v == "n/a") { print "n/a"; exit }
    ok = (dir == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "met" : "MISSED" }'; }
FB_PG_RATIO=$(ratio "$PUSH_RATE" "$PGBENCH_16")
FB_AM_RATIO=$(ratio "$PUSH_RATE" "$AM_RATE")
TOTAL_ERRORS=$((PUSH_ERRORS + HALF_ERRORS))
SUMMARY=$(
    cat <<TXT
Firebreak ingest benchmark — $RUN_DATE — $(nproc) cores — load average before $LOAD_BEFORE, after $LOAD_AFTER
settings: wrk $THREADS threads × $CONNECTIONS connections, $DURATION measured after warm-up (Firebreak $WARMUP, pgbench and Alertmanager $PEER_WARMUP); PostgreSQL 15 fsync=on synchronous_commit=on; service $(git rev-parse --short HEAD 2>/dev/null || echo '?') java -jar ${JAVA_OPTS:-(default JVM options)}

Firebreak push ingest      $PUSH_RATE/s answered 204 (each a new incident, committed)
  latency                  p50 $PUSH_P50 ms, p99 $PUSH_P99 ms
  errors (non-204, socket) $PUSH_ERRORS at peak, $HALF_ERRORS at half rate          [target 0: $( ((TOTAL_ERRORS == 0)) && echo met || echo MISSED)]
  mean group-commit batch  $BATCH_MEAN messages per transaction
  cpu at peak              $PUSH_CPU; wrk $PUSH_WRK_CPU_MS ms
  WAL at peak              $PUSH_WAL_CREATED segments created (each phase starts after a CHECKPOINT: bench/lib/postgres.sh pg_recycle_wal)
  firebreak threads, cores $PUSH_THREADS
  RSS                      idle $(mb "$RSS_IDLE_KB"), peak $(mb "$RSS_PEAK_KB") sampled (VmHWM $(mb "$RSS_HWM_KB"))   [target <= 300 MB: $(verdict "$((RSS_PEAK_KB / 1024))" 300 "<=")]
  startup to first 204     $FIRST_204_MS ms (empty database, migrations included; JVM options: ${JAVA_OPTS:-none})   [target <= 3000 ms: $(verdict "$FIRST_204_MS" 3000 "<=")]
                           $RESTART_204_MS ms on restart (migrated database, $TOTAL_INCIDENTS incidents)
  half peak ($HALF_RATE/s)       achieved $HALF_ACHIEVED/s, p50 $HALF_P50 ms, p99 $HALF_P99 ms   [target p99 <= 25 ms: $(verdict "$HALF_P99" 25 "<=")]
                           (steady state: started after the notifier had delivered the saturation backlog, ${DRAIN_S} s, and autovacuum had cleaned up after it, ${VACUUM_WAIT_S} s more)
  cpu at half rate         $HALF_CPU (autovacuum workers count as "everything else")
  half rate in detail      mean group-commit batch $HALF_BATCH_MEAN; autovacuum+autoanalyze per table: $HALF_HOUSEKEEPING
  firebreak threads, cores $HALF_THREADS
  outbox left undelivered  $OUTBOX_PENDING events after the half-rate phase (log-only notifier)
pgbench, Firebreak's SQL   $PGBENCH_16 tps at 16 clients (pool size), $PGBENCH_4 tps at 4 clients
  script                   $SQL_CHECK
  cpu at 16 clients        $PGBENCH_CPU; pgbench $PGBENCH_CLIENT_CPU_MS ms
Alertmanager (memory only) $AM_RATE alerts/s, p99 $AM_P99 ms, errors $AM_ERRORS, RSS $(mb "$AM_RSS_KB")
  cpu                      $AM_CPU; wrk $AM_WRK_CPU_MS ms
firebreak/pgbench          $FB_PG_RATIO   [target >= 1.0: $(verdict "$FB_PG_RATIO" 1.0 ">=")]
firebreak/alertmanager     $FB_AM_RATIO   [target >= 0.5: $(verdict "$FB_AM_RATIO" 0.5 ">=")]
pull path                  $PULL_RESULT
  cpu while pulling        $PULL_CPU
read path ($TOTAL_INCIDENTS incidents, $READ_CONNECTIONS connections, $DURATION after $READ_WARMUP warm-up; loaded in $LOAD_S s)
  first page               GET $READ_FIRST_PATH: $read_first_summary
  filtered page            GET $READ_FILTER_PATH: $read_filter_summary
harness check              $HARNESS_CHECK
TXT
)
if [[ -n $PROFILE_TEXT ]]; then
    SUMMARY+=$'\n'"Firebreak Java CPU profile at peak (JFR execution samples):"$'\n'"$PROFILE_TEXT"
fi
mkdir -p "$BENCH_DIR/results"
RESULT_FILE=$BENCH_DIR/results/$(date -u +%Y-%m-%dT%H%MZ).txt
printf '%s\n' "$SUMMARY" | tee "$RESULT_FILE"
log "written to ${RESULT_FILE#$PWD/}"
