package dev.firebreak.alert;

import java.util.List;

/**
 * The alert policy's documentation as delivered with the alert.
 *
 * @param content markdown or plain text, possibly empty
 * @param mimeType e.g. {@code text/markdown}, possibly empty
 * @param subject notification subject, may be null
 * @param links playbook links (never null)
 */
public record Documentation(String content, String mimeType, String subject, List<Link> links) {
    public static final Documentation NONE = new Documentation("", "", null, List.of());

    public Documentation {
        content = content == null ? "" : content;
        mimeType = mimeType == null ? "" : mimeType;
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A named link. */
    public record Link(String displayName, String url) {
    }
}
