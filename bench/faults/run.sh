#!/usr/bin/env bash
# Fault tests: nothing acknowledged is ever lost, nothing is applied twice.
#
#   bench/faults/run.sh [--trials 5] [--fault NAME[,NAME...]] [--rate 15] [--duplicates 0.3] [--keep] [--no-build]
#
# Faults: kill9 pg-stop pg-freeze instances2 instances3 slack (default: all, 5 trials each).
# Builds the jar, starts its own PostgreSQL 15 cluster (fsync on) and the fake Slack on free loopback ports, runs the
# trials (bench/faults/src/faults/FaultRunner.java starts and kills the Firebreak instances) and prints one line per
# fault. Everything it started is stopped on exit, also on Ctrl-C. Exit status 1 when a target is missed.
# Needs: root (PostgreSQL runs as the postgres OS user via runuser), JDK 17, PostgreSQL 15 binaries.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TRIALS=5
BUILD=1
KEEP=0
RUNNER_ARGS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --trials) TRIALS=$2; shift 2 ;;
        --fault) RUNNER_ARGS+=(--fault "$2"); shift 2 ;;
        --rate) RUNNER_ARGS+=(--rate "$2"); shift 2 ;;
        --duplicates) RUNNER_ARGS+=(--duplicates "$2"); shift 2 ;;
        --keep) KEEP=1; RUNNER_ARGS+=(--keep); shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

WORK=$(mktemp -d /tmp/firebreak-faults.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/logs" "$WORK/classes" "$WORK/pg"
chown postgres "$WORK/pg"
touch "$WORK/logs/pids"
PGDATA="$WORK/pg/data"
FAKE_PID=""
RUNNER_PID=""
STATUS=1

cleanup() {
    set +e
    [[ -n "$RUNNER_PID" ]] && kill "$RUNNER_PID" 2>/dev/null && wait "$RUNNER_PID" 2>/dev/null
    # only the Firebreak processes this run started (their pids were recorded when they started)
    while read -r pid; do
        [[ -n "$pid" ]] && grep -q quarkus-run.jar "/proc/$pid/cmdline" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    done < "$WORK/logs/pids"
    [[ -n "$FAKE_PID" ]] && kill "$FAKE_PID" 2>/dev/null && wait "$FAKE_PID" 2>/dev/null
    if [[ -f "$PGDATA/postmaster.pid" ]]; then
        local pm
        pm=$(head -1 "$PGDATA/postmaster.pid")
        kill -CONT "$pm" $(pgrep -P "$pm") 2>/dev/null
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" stop -m immediate -w >/dev/null 2>&1
    fi
    if [[ $STATUS -ne 0 || $KEEP -eq 1 ]]; then
        local keep=/tmp/firebreak-faults-logs-$(date +%Y%m%d-%H%M%S)
        cp -r "$WORK/logs" "$keep" 2>/dev/null && cp "$PGDATA/server.log" "$keep/postgres.log" 2>/dev/null
        echo "logs kept in $keep"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port" >&2
    return 1
}

cd "$ROOT"
if [[ $BUILD -eq 1 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
    echo "building the jar ..."
    ./mvnw -B -q package -DskipTests
fi
PG_JAR=$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -1)

PG_PORT=$(free_port)
echo "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync on) ..."
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --no-sync >"$WORK/logs/initdb.log"
cat >>"$PGDATA/postgresql.conf" <<EOF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/pg'
fsync = on
synchronous_commit = on
max_connections = 200
shared_buffers = 128MB
EOF
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" start -w -t 60 >/dev/null

SLACK_PORT=$(free_port)
echo "starting the fake Slack on 127.0.0.1:$SLACK_PORT (control $((SLACK_PORT + 1))) ..."
java bench/faults/FakeSlack.java "$SLACK_PORT" "$((SLACK_PORT + 1))" >"$WORK/logs/fake-slack.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$((SLACK_PORT + 1))") 2>/dev/null && break
    sleep 0.1
done

javac -d "$WORK/classes" bench/faults/src/faults/*.java
FAULTS=6
# a trial takes about 1-2 minutes; the bound stops a run that hangs
BOUND=$((TRIALS * FAULTS * 240 + 120))
timeout --signal=TERM "$BOUND" java -cp "$WORK/classes:$PG_JAR" faults.FaultRunner --trials "$TRIALS" \
    --jar "$ROOT/target/quarkus-app/quarkus-run.jar" --work "$WORK/logs" \
    --pg-bin "$PG_BIN" --pg-data "$PGDATA" --pg-port "$PG_PORT" \
    --slack-port "$SLACK_PORT" --slack-control-port "$((SLACK_PORT + 1))" "${RUNNER_ARGS[@]}" &
RUNNER_PID=$!
set +e
wait "$RUNNER_PID"
STATUS=$?
set -e
RUNNER_PID=""
exit "$STATUS"
