package dev.firebreak.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON parser for untrusted input (push bodies, notifications): limits far below Jackson's defaults, so deep
 * nesting, huge strings or numbers with a million digits fail fast instead of eating CPU and memory.
 */
public final class BoundedJson {
    /** Deepest nesting accepted; real notifications nest about 6 levels. */
    public static final int MAX_NESTING_DEPTH = 48;
    /** Longest number literal accepted (digits). */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest property name accepted. */
    public static final int MAX_NAME_LENGTH = 512;
    /** Largest JSON document accepted, in bytes/chars. */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;
    /** Most tokens in one document. */
    public static final long MAX_TOKEN_COUNT = 200_000;

    private BoundedJson() {
    }

    /** A new mapper for untrusted JSON; thread-safe once built, so callers keep one. */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength((int) MAX_DOCUMENT_LENGTH)
                        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                        .maxTokenCount(MAX_TOKEN_COUNT)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
