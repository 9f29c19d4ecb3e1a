# One line per SQL statement, "VERB table": from a PostgreSQL log (log_statement=all; mode=log: the statements of the
# first transaction that inserts into inbox_message, i.e. one ingest as the service really ran it), or from a pgbench
# script (mode=script). bench/run.sh compares the two so the pgbench ceiling stays Firebreak's own SQL. A WITH
# statement is "WITH" followed by what each of its parts inserts into ("WITH INSERT timeline_event INSERT outbox").
function signature(sql,    words, n, i, w, verb, table) {
    n = split(sql, words, /[ \t(]+/)
    verb = toupper(words[1])
    if (verb == "WITH") {
        table = ""
        for (i = 2; i < n; i++) {
            if (toupper(words[i]) == "INTO" && toupper(words[i - 1]) == "INSERT") table = table " INSERT " words[i + 1]
        }
        return verb table
    }
    for (i = 1; i < n; i++) {
        w = toupper(words[i])
        if ((verb == "INSERT" && w == "INTO") || (verb == "SELECT" && w == "FROM") || (verb == "UPDATE" && i == 1)) {
            table = words[i + 1]
            break
        }
    }
    if (verb == "SELECT" && table == "unnest") { # a set-based lookup: name the table it joins
        for (i = 1; i < n; i++) if (toupper(words[i]) == "JOIN") table = words[i + 1]
    }
    return verb " " table
}
mode == "script" {
    if ($0 ~ /^[ \t]*(--|\\)/ || $0 ~ /^[ \t]*$/ || $0 ~ /^(BEGIN|COMMIT);/) next
    print signature($0)
    next
}
mode == "log" {
    if (!match($0, /\[[0-9]+\]/)) next
    pid = substr($0, RSTART + 1, RLENGTH - 2)
    if ($0 ~ /(statement|execute [^:]*): BEGIN/) { count[pid] = 0; has_inbox[pid] = 0; next }
    if ($0 ~ /(statement|execute [^:]*): COMMIT/) {
        if (has_inbox[pid]) { for (i = 1; i <= count[pid]; i++) print stmts[pid, i]; exit }
        count[pid] = 0
        next
    }
    if (match($0, /LOG:  execute [^:]*: /)) {
        sql = substr($0, RSTART + RLENGTH)
        stmts[pid, ++count[pid]] = signature(sql)
        if (sql ~ /^INSERT INTO inbox_message/) has_inbox[pid] = 1
    }
}
