package dev.firebreak.api;

/**
 * Bodies of the incident commands. {@code actor} names the person until authentication supplies a verified identity.
 */
public final class CommandRequests {
    private CommandRequests() {
    }

    /** Acknowledge or close. */
    public record ActorRequest(String actor) {
    }

    /** Complete a step, or resolve, with an optional note. */
    public record NoteRequest(String note, String actor) {
    }

    /** Skip a step or reopen, with a reason. */
    public record ReasonRequest(String reason, String actor) {
    }

    /** Add a note to the timeline. */
    public record TextRequest(String text, String actor) {
    }
}
