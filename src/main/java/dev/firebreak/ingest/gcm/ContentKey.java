package dev.firebreak.ingest.gcm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The identity of a notification's content: SHA-256 over its canonical JSON (object keys sorted, no whitespace), so a
 * publisher retry or a dead-letter copy of the same notification gets the same key whatever its message id or key order.
 */
public final class ContentKey {
    private ContentKey() {
    }

    /** Key of a parsed JSON document. */
    public static String of(JsonNode root) {
        StringBuilder canonical = new StringBuilder(512);
        write(root, canonical);
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of raw bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quote(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String quote(String name) {
        return TextNode.valueOf(name).toString();
    }
}
