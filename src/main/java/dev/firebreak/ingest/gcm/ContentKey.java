package dev.firebreak.ingest.gcm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identity of a notification's content: SHA-256 over its canonical JSON (object keys sorted, no whitespace), so a
 * publisher retry or a dead-letter copy of the same notification gets the same key whatever its message id or key order.
 */
public final class ContentKey {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

    static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(names.get(i), out);
                out.append(':');
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
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isInt() || node.isLong() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            // floating point and big numbers are rare here: let Jackson print them exactly as it always has
            out.append(node.toString());
        }
    }

    /**
     * Appends a JSON string literal exactly as Jackson writes it by default (the keys stored so far were made that way):
     * quote and backslash escaped, the five short control escapes, other control characters as six-character escapes
     * with upper-case hex digits, everything else as is.
     */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
