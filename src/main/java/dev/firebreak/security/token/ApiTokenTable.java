package dev.firebreak.security.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The static API tokens, kept only as SHA-256 hashes. Entries are {@code name:role:sha256hex} (the hash of the token,
 * {@code printf %s TOKEN | sha256sum}); a presented token is hashed and compared with every entry in constant time.
 */
public final class ApiTokenTable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** Tokens longer than this are refused before hashing. */
    static final int MAX_TOKEN_CHARS = 4096;

    private final List<Entry> entries;

    private record Entry(ApiCaller caller, byte[] hash) {
    }

    private ApiTokenTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the configured entries.
     *
     * @throws IllegalArgumentException naming the entry (by position and name, never the hash) and what is wrong
     */
    public static ApiTokenTable parse(List<String> specs) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        int position = 0;
        for (String raw : specs) {
            position++;
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("API token entry #" + position
                        + " must look like name:role:sha256hex (three parts separated by ':')");
            }
            String name = parts[0].trim();
            String where = "API token entry #" + position + " (" + (NAME.matcher(name).matches() ? name : "?") + ")";
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": the name must be 1-64 letters, digits or ._@+-");
            }
            ApiRole role = ApiRole.fromWire(parts[1].trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException(where + ": the role must be viewer, responder or admin"));
            String hex = parts[2].trim();
            if (!SHA256_HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException(where + ": the third part must be the SHA-256 of the token as 64 hex digits"
                        + " (printf %s TOKEN | sha256sum), not the token itself");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": the name is used twice");
            }
            if (!hashes.add(hex.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": the same token is configured twice");
            }
            entries.add(new Entry(new ApiCaller(name, role), HexFormat.of().parseHex(hex)));
        }
        return new ApiTokenTable(entries);
    }

    /** True when no token is configured. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Number of configured tokens. */
    public int size() {
        return entries.size();
    }

    /** The caller this token belongs to; every entry is compared, so timing does not tell which one matched. */
    public Optional<ApiCaller> match(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        ApiCaller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** SHA-256 of the token's UTF-8 bytes. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
