package dev.firebreak.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Spots commands that obviously change state, so a catalog cannot pass one off as read-only.
 */
final class MutationGuard {
    private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("\\|\\||&&|[|;&]");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern COMMAND_WORD = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> PREFIXES = Set.of("sudo", "env", "time", "command", "nohup", "exec", "xargs",
            "watch", "timeout", "nice");
    private static final Pattern PREFIX_ARGUMENT = Pattern.compile("-.*|[0-9.]+[smhd]?");
    private static final Set<String> KUBECTL_VERBS = Set.of("apply", "create", "delete", "replace", "patch", "edit",
            "scale", "autoscale", "drain", "cordon", "uncordon", "taint", "label", "annotate", "set", "expose", "run",
            "exec", "debug", "cp");
    private static final Set<String> KUBECTL_ROLLOUT_VERBS = Set.of("undo", "restart", "pause", "resume");
    private static final Set<String> KUBECTL_VALUE_FLAGS = Set.of("-n", "--namespace", "--context", "--cluster",
            "--user", "-s", "--server", "--kubeconfig", "-l", "--selector", "-c", "--container", "-o", "--output");
    private static final Set<String> GCLOUD_VERBS = Set.of("create", "delete", "update", "patch", "restart", "failover",
            "reset", "stop", "start", "suspend", "resume", "resize", "upgrade", "deploy", "rollback", "import",
            "export", "restore", "clone", "promote-replica", "switchover", "seek", "ssh", "scp", "acknowledge", "ack",
            "pull", "publish", "enable", "disable", "move", "undelete", "cancel");
    private static final List<String> GCLOUD_VERB_PREFIXES = List.of("set-", "add-", "remove-", "delete-", "update-",
            "execute-");
    private static final Set<String> HELM_VERBS = Set.of("install", "upgrade", "uninstall", "delete", "rollback");
    private static final Set<String> ARGOCD_VERBS = Set.of("sync", "rollback", "delete", "set", "unset", "patch",
            "create", "edit", "terminate-op", "run");
    private static final Set<String> STORAGE_VERBS = Set.of("rm", "mv", "cp", "rsync", "setmeta", "mk", "update",
            "insert", "load");
    private static final Set<String> MUTATING_PROGRAMS = Set.of("rm", "kill", "pkill", "killall", "reboot", "shutdown",
            "dd", "mkfs", "truncate", "systemctl");
    private static final Set<String> CURL_WRITE_FLAGS = Set.of("-d", "--data", "--data-raw", "--data-binary",
            "--data-urlencode", "-F", "--form", "-T", "--upload-file");

    private MutationGuard() {
    }

    /** The first state-changing verb found in the command's literal text, e.g. {@code kubectl delete}. */
    static Optional<String> mutatingVerb(String commandLiteralText) {
        for (String segment : SEGMENT_SEPARATOR.split(commandLiteralText)) {
            Optional<String> verb = segmentVerb(words(segment));
            if (verb.isPresent()) {
                return verb;
            }
        }
        return Optional.empty();
    }

    private static List<String> words(String segment) {
        List<String> words = new ArrayList<>();
        boolean inPrefix = true;
        for (String word : segment.strip().split("\\s+")) {
            // wrappers such as "sudo", "timeout 30" or "watch -n 5" run the command that follows them
            if (word.isEmpty() || (inPrefix && (PREFIXES.contains(word) || ENV_ASSIGNMENT.matcher(word).matches()
                    || PREFIX_ARGUMENT.matcher(word).matches()))) {
                continue;
            }
            inPrefix = false;
            words.add(word);
        }
        return words;
    }

    private static Optional<String> segmentVerb(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        return switch (program) {
            case "kubectl", "oc" -> kubectlVerb(program, args);
            case "gcloud" -> commandPathVerb(program, args, GCLOUD_VERBS, GCLOUD_VERB_PREFIXES);
            case "helm" -> commandPathVerb(program, args, HELM_VERBS, List.of());
            case "argocd" -> commandPathVerb(program, args, ARGOCD_VERBS, List.of());
            case "gsutil", "bq" -> commandPathVerb(program, args, STORAGE_VERBS, List.of());
            case "curl" -> curlWrite(args);
            default -> MUTATING_PROGRAMS.contains(program) ? Optional.of(program) : Optional.empty();
        };
    }

    private static Optional<String> kubectlVerb(String program, List<String> args) {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size() && positional.size() < 2; i++) {
            String arg = args.get(i);
            if (arg.startsWith("-")) {
                if (KUBECTL_VALUE_FLAGS.contains(arg)) {
                    i++;
                }
            } else {
                positional.add(arg.toLowerCase(Locale.ROOT));
            }
        }
        if (positional.isEmpty()) {
            return Optional.empty();
        }
        String verb = positional.get(0);
        String sub = positional.size() > 1 ? positional.get(1) : "";
        if (KUBECTL_VERBS.contains(verb)) {
            return Optional.of(program + " " + verb);
        }
        if ("rollout".equals(verb) && KUBECTL_ROLLOUT_VERBS.contains(sub)
                || "certificate".equals(verb) && Set.of("approve", "deny").contains(sub)) {
            return Optional.of(program + " " + verb + " " + sub);
        }
        return Optional.empty();
    }

    /** Checks the command path: the leading plain words, skipping flags, up to the first argument-like word. */
    private static Optional<String> commandPathVerb(String program, List<String> args, Set<String> verbs,
            List<String> verbPrefixes) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            if (!COMMAND_WORD.matcher(arg).matches()) {
                break;
            }
            if (verbs.contains(arg) || verbPrefixes.stream().anyMatch(arg::startsWith)) {
                return Optional.of(program + " " + arg);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> curlWrite(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (CURL_WRITE_FLAGS.contains(flag)) {
                return Optional.of("curl " + flag);
            }
            if (("-X".equals(flag) || "--request".equals(flag)) && i + 1 < args.size()) {
                String method = args.get(i + 1).replace("'", "").replace("\"", "").toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "HEAD", "OPTIONS").contains(method)) {
                    return Optional.of("curl -X " + method);
                }
            }
        }
        return Optional.empty();
    }
}
