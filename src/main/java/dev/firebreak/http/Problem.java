package dev.firebreak.http;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. Never carries stack traces or class names.
 *
 * @param type a URI naming the problem type ({@code about:blank} when the status says it all)
 * @param title short summary of the problem type
 * @param status the HTTP status
 * @param detail explanation of this occurrence, may be null
 * @param instance the request path, may be null
 * @param extensions extra members, e.g. {@code errors}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        @JsonAnyGetter Map<String, Object> extensions) {
    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Base of Firebreak's problem type URIs. */
    public static final String TYPE_BASE = "https://firebreak.dev/problems/";
}
