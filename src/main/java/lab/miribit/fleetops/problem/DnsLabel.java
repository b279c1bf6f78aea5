package lab.miribit.fleetops.problem;

import java.util.regex.Pattern;

/**
 * An RFC 1123 label (lowercase alphanumerics and '-', at most 63 characters), the form every cluster and
 * application name must take before it is used in a Kubernetes or GitLab request. Checking it here, at the
 * edge, keeps path tricks such as {@code ../} or {@code a,b=c} from ever reaching an API server.
 */
public final class DnsLabel {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    public static final int MAX_LENGTH = 63;

    private DnsLabel() {
    }

    /** Validates {@code value} as the name of a {@code what} ("cluster", "app", ...), with a user-safe error. */
    public static String require(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new FleetProblem.InvalidInput(what + " name is required");
        }
        if (value.length() > MAX_LENGTH || !LABEL.matcher(value).matches()) {
            throw new FleetProblem.InvalidInput("invalid " + what + " name '" + printable(value)
                    + "': use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return value;
    }

    /** Whether {@code value} is a label; for callers that word the refusal themselves. */
    public static boolean valid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && LABEL.matcher(value).matches();
    }

    /** Echoes rejected input back without control characters and without letting it grow a reply unbounded. */
    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
