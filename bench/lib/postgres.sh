# A dedicated PostgreSQL 15 for one benchmark run: initdb into a temp dir as the postgres OS user (initdb refuses
# root), loopback only, fsync and synchronous commit on. Sourced by bench/run.sh.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=firebreak
PG_PASSWORD=bench
PG_DB=firebreak

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_start DIR PORT: initializes and starts the cluster, creates role and database.
pg_start() {
    PG_DIR=$1
    PG_PORT=$2
    [[ -x $PG_BIN/initdb ]] || die "PostgreSQL 15 binaries not found in $PG_BIN"
    mkdir -p "$PG_DIR"
    chmod o+x "$(dirname "$PG_DIR")"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || die "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
    cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 200
shared_buffers = 256MB
max_wal_size = 4GB
min_wal_size = 1GB
fsync = on
synchronous_commit = on
full_page_writes = on
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%a '
CONF
    # Password auth over TCP, as a real deployment; trust only on the private unix socket for setup.
    cat >"$PG_DIR/data/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 scram-sha-256
HBA
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null \
        || die "PostgreSQL did not start: $(tail -5 "$PG_DIR/postgres.log")"
    PG_STARTED=1
    pg_psql postgres -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'" >/dev/null
    pg_psql postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null
    PG_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
}

# psql as superuser over the unix socket: pg_psql DB ARGS...
pg_psql() {
    local db=$1
    shift
    as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# pg_recycle_wal: a CHECKPOINT before a measured phase, so the phase writes its WAL into recycled segment files, as a
# server in steady state does (each checkpoint recycles the files written before it, min_wal_size keeps them). A new
# cluster has none yet: every 16 MB segment is then created and zero-filled when first needed, and every commit waits
# for that (40-50 ms on this disk, once every 1.7 s at half the peak rate).
pg_recycle_wal() {
    pg_psql postgres -c "CHECKPOINT" >/dev/null
}

# pg_wal_files: how many segment files pg_wal holds; it grows only by segments created, not by recycled ones.
pg_wal_files() {
    pg_psql postgres -At -c "SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'"
}

# Runs pgbench over TCP as the service's role, like the service connects.
pg_bench() {
    PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@" "$PG_DB"
}

pg_stop() {
    if [[ ${PG_STARTED:-0} -eq 1 ]]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
        PG_STARTED=0
    fi
}
