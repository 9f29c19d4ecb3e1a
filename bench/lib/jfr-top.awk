# Summarizes `jfr print --events jdk.ExecutionSample --stack-depth 64`: where the service's Java threads spend CPU.
# Prints the top methods by own samples, the top Firebreak methods by samples beneath them, and samples by thread.
# Optional -v from=HH:MM:SS -v to=HH:MM:SS keeps only the samples taken in that window (same day, JVM local time).
function flush() {
    if (n == 0 || skip) { n = 0; return }
    total++
    self[frames[1]]++
    for (i = 1; i <= n; i++) {
        if (frames[i] ~ /^dev\.firebreak\./) { mine[frames[i]]++; break }
    }
    if (i > n) mine["(no Firebreak frame: framework, driver, JIT'd runtime)"]++
    n = 0
}
/^jdk\.ExecutionSample/ { flush(); in_stack = 0; skip = 0; next }
/startTime = / {
    t = $0; sub(/.*startTime = /, "", t); t = substr(t, 1, 8)
    if ((from != "" && t < from) || (to != "" && t > to)) skip = 1
    next
}
/sampledThread = / {
    if (skip) next
    t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); gsub(/-[0-9]+$/, "-N", t); threads[t]++; next
}
/stackTrace = \[/ { in_stack = 1; next }
in_stack && /^[ \t]*\]/ { in_stack = 0; next }
in_stack && !/^[ \t]*\.\.\./ {
    f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); frames[++n] = f
}
END {
    flush()
    if (total == 0) { print "  (no execution samples)"; exit }
    printf "  %d samples of Java threads on CPU\n  top methods by own samples:\n", total
    top(self, 15)
    print "  top Firebreak methods by samples beneath them (first dev.firebreak frame of each stack):"
    top(mine, 12)
    print "  samples by thread:"
    top(threads, 8)
}
function top(a, k,    key, best, bestv, j, c, seen) {
    delete seen
    for (j = 0; j < k; j++) {
        bestv = 0
        for (key in a) if (!(key in seen) && a[key] > bestv) { bestv = a[key]; best = key }
        if (bestv == 0) return
        seen[best] = 1
        printf "    %5.1f%%  %s\n", 100 * bestv / total, best
    }
}
