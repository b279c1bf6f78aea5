package lab.miribit.fleetops.problem;

/**
 * A failure whose message is safe to show to any caller (REST, chat, CI): it never carries a secret,
 * a stack trace or an SDK's raw error text. Every other exception is logged and answered with a
 * generic message and a correlation id.
 */
public abstract sealed class FleetProblem extends RuntimeException
        permits FleetProblem.InvalidInput, FleetProblem.Forbidden, FleetProblem.NotFound, FleetProblem.Conflict, FleetProblem.TooManyRequests,
        FleetProblem.Unavailable {

    private final Reason reason;

    private FleetProblem(String message, Reason reason) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /**
     * What went wrong as a stable code and its values (names, ids), for a transport that words it in its reader's
     * language; empty where only the English message exists.
     */
    public java.util.Optional<Reason> reason() {
        return java.util.Optional.ofNullable(reason);
    }

    /**
     * @param code a stable kebab-case code, e.g. {@code cluster-not-found}
     * @param args the values the message names, in order
     */
    public record Reason(String code, java.util.List<String> args) {
        public Reason {
            args = java.util.List.copyOf(args);
        }

        public static Reason of(String code, String... args) {
            return new Reason(code, java.util.List.of(args));
        }
    }

    /** Short, stable title per kind, used as the problem+json {@code title}. */
    public abstract String title();

    /** The request itself is wrong; nothing was changed. */
    public static final class InvalidInput extends FleetProblem {
        public InvalidInput(String message) {
            super(message, null);
        }

        public InvalidInput(String message, Reason reason) {
            super(message, reason);
        }

        @Override
        public String title() {
            return "Invalid input";
        }
    }

    /** The caller is known but their role does not allow the action. */
    public static final class Forbidden extends FleetProblem {
        public Forbidden(String message) {
            super(message, null);
        }

        public Forbidden(String message, Reason reason) {
            super(message, reason);
        }

        @Override
        public String title() {
            return "Forbidden";
        }
    }

    public static final class NotFound extends FleetProblem {
        public NotFound(String message) {
            super(message, null);
        }

        public NotFound(String message, Reason reason) {
            super(message, reason);
        }

        @Override
        public String title() {
            return "Not found";
        }
    }

    /** Another action runs on the target, or Argo CD refuses the action in the target's current state. */
    public static final class Conflict extends FleetProblem {
        public Conflict(String message) {
            super(message, null);
        }

        public Conflict(String message, Reason reason) {
            super(message, reason);
        }

        @Override
        public String title() {
            return "Conflict";
        }
    }

    /** The caller sent more than its share; it may send again after {@link #retryAfterSeconds()}. */
    public static final class TooManyRequests extends FleetProblem {
        private final int retryAfterSeconds;

        public TooManyRequests(String message, int retryAfterSeconds) {
            super(message, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public String title() {
            return "Too many requests";
        }
    }

    /** A system the answer needs cannot be reached now; the caller may retry after {@link #retryAfterSeconds()}. */
    public static final class Unavailable extends FleetProblem {
        private final int retryAfterSeconds;

        public Unavailable(String message, int retryAfterSeconds) {
            this(message, null, retryAfterSeconds);
        }

        public Unavailable(String message, Reason reason, int retryAfterSeconds) {
            super(message, reason);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public String title() {
            return "Service unavailable";
        }
    }
}
