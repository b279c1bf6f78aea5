package lab.miribit.fleetops.gitlab;

/**
 * A GitLab request that did not give the answer asked for, described without GitLab's raw body, URLs with
 * tokens, or the token itself: the message is safe to show to any caller.
 */
public final class GitLabFailure extends RuntimeException {

    public enum Kind {
        /** GitLab is not configured here (no URL or no token). */
        NOT_CONFIGURED,
        /** The project, commit, branch… does not exist (404). */
        NOT_FOUND,
        /** GitLab refused the token (401/403). */
        UNAUTHORIZED,
        /** GitLab understood and refused the change, e.g. a revert that is {@code empty} or in {@code conflict}. */
        REFUSED,
        /** GitLab answered 5xx, timed out, or could not be reached. */
        UNAVAILABLE,
        /** Any other answer GitLab should not have given to a well-formed request. */
        UNEXPECTED
    }

    private final Kind kind;
    private final String errorCode;

    GitLabFailure(Kind kind, String message) {
        this(kind, null, message);
    }

    GitLabFailure(Kind kind, String errorCode, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** GitLab's {@code error_code} (e.g. {@code empty}, {@code conflict}) when it gave one, else null. */
    public String errorCode() {
        return errorCode;
    }
}
