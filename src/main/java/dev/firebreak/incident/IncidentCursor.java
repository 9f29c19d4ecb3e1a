package dev.firebreak.incident;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The keyset position after an incident in the newest-first order ({@code opened_at DESC, id DESC}), encoded as an
 * opaque, URL-safe text: base64url of a version byte, the opened-at time in epoch microseconds, the id and a CRC-32
 * of those, so a truncated or edited cursor is rejected instead of silently jumping elsewhere.
 *
 * @param openedAt the last row's opened-at time (microsecond precision, as PostgreSQL stores it)
 * @param id the last row's id
 */
public record IncidentCursor(Instant openedAt, long id) {
    static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES + Long.BYTES;
    private static final int ENCODED_BYTES = PAYLOAD_BYTES + Integer.BYTES;
    private static final int MAX_TEXT_LENGTH = 64;
    /** PostgreSQL timestamps support far more, but nothing real lies outside years 1..9999. */
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    public IncidentCursor {
        if (openedAt == null || openedAt.isBefore(MIN) || openedAt.isAfter(MAX)) {
            throw new InvalidCursorException("cursor is not valid: its time is out of range");
        }
        if (id <= 0) {
            throw new InvalidCursorException("cursor is not valid: its id is out of range");
        }
        openedAt = openedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The position after this incident. */
    public static IncidentCursor after(Incident incident) {
        return new IncidentCursor(incident.openedAt, incident.id);
    }

    /** The opaque text form. */
    public String encode() {
        ByteBuffer payload = ByteBuffer.allocate(ENCODED_BYTES);
        payload.put(VERSION).putLong(micros(openedAt)).putLong(id);
        payload.putInt(crc(payload.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    /**
     * Parses a cursor made by {@link #encode()}.
     *
     * @throws InvalidCursorException when the text is not such a cursor
     */
    public static IncidentCursor decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidCursorException("cursor is not valid: use the nextCursor of a previous page");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not valid: it is not base64url");
        }
        if (bytes.length != ENCODED_BYTES || bytes[0] != VERSION) {
            throw new InvalidCursorException("cursor is not valid: unknown format or version");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        long micros = buffer.getLong();
        long id = buffer.getLong();
        if (buffer.getInt() != crc(bytes)) {
            throw new InvalidCursorException("cursor is not valid: it was altered");
        }
        Instant openedAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new IncidentCursor(openedAt, id);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, PAYLOAD_BYTES);
        return (int) crc.getValue();
    }
}
