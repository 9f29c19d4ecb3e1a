# Firebreak and Prometheus Alertmanager for one benchmark run, on loopback. Sourced by bench/run.sh.

FIREBREAK_JAR=${FIREBREAK_JAR:-target/quarkus-app/quarkus-run.jar}
SAMPLE_NOTIFICATION=${SAMPLE_NOTIFICATION:-src/test/resources/payloads/gcm/cm-1.2-gce-netbytes-open-sev-critical.json}

# A wrapped push envelope of the sample notification with incident_id $1 (a distinct notification per id).
push_envelope() {
    local id=$1 data
    data=$(sed "s/\"incident_id\":\"[^\"]*\"/\"incident_id\":\"$id\"/" "$SAMPLE_NOTIFICATION" | base64 -w0)
    printf '{"message":{"attributes":{},"data":"%s","messageId":"%s","publishTime":"%s"},"subscription":"projects/bench/subscriptions/firebreak-push"}' \
        "$data" "$id" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# HTTP status of one push of envelope file $1 to the running Firebreak ("000" when it does not answer).
push_once() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
        --data-binary "@$1" "http://127.0.0.1:$FB_PORT/pubsub/push" 2>/dev/null || true
}

# The -X/-XX flags of the container image's JAVA_OPTS_APPEND (heap cap, GC), one line: what a deployment runs with.
# Its AppCDS archive path exists only in the image; the harness trains its own archive.
deployment_jvm_flags() {
    local dockerfile=${DOCKERFILE:-src/main/docker/Dockerfile.jvm}
    [[ -f $dockerfile ]] || return 0
    sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$dockerfile" | grep -E '^\s*ENV\s+JAVA_OPTS_APPEND' | head -1 \
        | sed -E 's/^\s*ENV\s+JAVA_OPTS_APPEND\s*=?\s*//; s/"//g' | tr ' ' '\n' | grep -E '^-XX?[:A-Za-z]' \
        | grep -v '^-XX:SharedArchiveFile=' | paste -sd' ' -
}

# firebreak_start LOG [ENV=VALUE…]: starts the service (prod profile) and sets FB_PID, FB_LOG and FB_START_NS (the
# moment just before the process was created, for startup-to-first-204).
firebreak_start() {
    local log=$1
    shift
    FB_LOG=$log
    FB_PORT=$(free_port)
    FB_START_NS=$(date +%s%N)
    env FIREBREAK_DB_URL="$PG_JDBC_URL" FIREBREAK_DB_USER="$PG_USER" FIREBREAK_DB_PASSWORD="$PG_PASSWORD" \
        FIREBREAK_PUSH_AUTH=none FIREBREAK_API_AUTH=none \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$FB_PORT" \
        QUARKUS_LOG_CATEGORY__DEV_FIREBREAK_NOTIFY__LEVEL=WARN \
        "$@" java ${JAVA_OPTS:-} -jar "$FIREBREAK_JAR" >"$log" 2>&1 &
    FB_PID=$!
    track_pid "$FB_PID"
}

# Polls a real push (a new notification) until the first 204; prints milliseconds since FB_START_NS.
firebreak_first_204_ms() {
    local envelope=$WORK/startup-envelope.json deadline code
    push_envelope "bench-startup-$(date +%s)" >"$envelope"
    deadline=$(($(date +%s) + ${1:-120}))
    while (($(date +%s) < deadline)); do
        kill -0 "$FB_PID" 2>/dev/null || die "Firebreak exited during startup: $(tail -20 "$WORK/firebreak.log")"
        code=$(push_once "$envelope")
        if [[ $code == 204 ]]; then
            echo $((($(date +%s%N) - FB_START_NS) / 1000000))
            return 0
        fi
        sleep 0.02
    done
    die "no 204 from Firebreak within ${1:-120} s: $(tail -20 "$WORK/firebreak.log")"
}

firebreak_stop() {
    [[ -n ${FB_PID:-} ]] && stop_pid "$FB_PID" 20
    FB_PID=
}

# alertmanager_start DIR: Debian's Alertmanager with a null receiver, memory plus a temp storage dir, no cluster.
alertmanager_start() {
    local dir=$1
    mkdir -p "$dir/data"
    cat >"$dir/alertmanager.yml" <<'YML'
route:
  receiver: "null"
  group_by: ["alertname"]
receivers:
  - name: "null"
YML
    AM_PORT=$(free_port)
    prometheus-alertmanager --config.file="$dir/alertmanager.yml" --storage.path="$dir/data" \
        --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= --log.level=warn >"$dir/alertmanager.log" 2>&1 &
    AM_PID=$!
    track_pid "$AM_PID"
    wait_http "http://127.0.0.1:$AM_PORT/-/ready" 60 || die "Alertmanager did not start: $(tail -5 "$dir/alertmanager.log")"
}

alertmanager_stop() {
    [[ -n ${AM_PID:-} ]] && stop_pid "$AM_PID" 10
    AM_PID=
}

# pubsub_emulator_start DIR: the preinstalled Pub/Sub emulator on a free loopback port; sets EMU_PORT, EMU_REST.
pubsub_emulator_start() {
    local dir=$1 jar
    jar=$(ls /usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*.jar 2>/dev/null | head -1)
    [[ -n $jar ]] || die "the Pub/Sub emulator jar is not installed"
    mkdir -p "$dir"
    EMU_PORT=$(free_port)
    EMU_REST="http://127.0.0.1:$EMU_PORT/v1"
    java -jar "$jar" --host=127.0.0.1 --port="$EMU_PORT" >"$dir/emulator.log" 2>&1 &
    EMU_PID=$!
    track_pid "$EMU_PID"
    wait_http "$EMU_REST/projects/probe/topics" 90 || die "the Pub/Sub emulator did not start: $(tail -5 "$dir/emulator.log")"
}

# emulator_put RESOURCE JSON: creates a topic or subscription over the emulator's REST API.
emulator_put() {
    curl -fs -o /dev/null --max-time 10 -X PUT -H 'Content-Type: application/json' --data "$2" "$EMU_REST/$1" \
        || die "emulator: PUT $1 failed"
}

pubsub_emulator_stop() {
    [[ -n ${EMU_PID:-} ]] && stop_pid "$EMU_PID" 10
    EMU_PID=
}
