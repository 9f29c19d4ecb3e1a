package dev.firebreak.ingest;

import java.util.Locale;

/**
 * How a message reached Firebreak.
 */
public enum Transport {
    /** Pub/Sub push with the JSON envelope. */
    PUSH,
    /** Pub/Sub push without the envelope (payload unwrapping). */
    PUSH_UNWRAPPED,
    /** Pub/Sub pull subscriber. */
    PULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
