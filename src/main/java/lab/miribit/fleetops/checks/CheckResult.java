package lab.miribit.fleetops.checks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import lab.miribit.fleetops.operations.Note;

/** The latest outcome of a scheduled check: its worst item's status and every item. */
public record CheckResult(String name, Status status, Instant checkedAt, List<Item> items) {

    public CheckResult {
        items = List.copyOf(items);
    }

    public enum Status {
        OK, WARNING, CRITICAL, ERROR;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The worse of two: error (could not check) ranks below critical, above warning. */
        Status worse(Status other) {
            return rank(other) > rank(this) ? other : this;
        }

        private static int rank(Status status) {
            return switch (status) {
                case OK -> 0;
                case WARNING -> 1;
                case ERROR -> 2;
                case CRITICAL -> 3;
            };
        }
    }

    /**
     * One thing checked.
     *
     * @param target  what, e.g. {@code cluster/cluster-02}
     * @param summary what was found, in English (the REST API's and the logs' words)
     * @param details the facts, e.g. a certificate's subject and expiry
     * @param note    {@code summary} as a {@link Note}, for chat readers in other languages
     */
    @JsonPropertyOrder({ "target", "status", "summary", "details" })
    public record Item(String target, Status status, String summary, Map<String, Object> details, @JsonIgnore Note note) {

        public Item(String target, Status status, Note note, Map<String, Object> details) {
            this(target, status, note.english(), details, note);
        }
    }

    public static CheckResult of(String name, List<Item> items) {
        Status worst = Status.OK;
        for (Item item : items) {
            worst = worst.worse(item.status());
        }
        return new CheckResult(name, worst, Instant.now(), items);
    }
}
