package lab.miribit.fleetops.operations;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who asks, with the roles they hold (already expanded along the hierarchy) and the way they came in.
 *
 * <p>The audit, operations and Argo CD's {@code initiatedBy} name a caller by {@code id}: what the platform
 * guarantees for good (a token's subject, {@code slack:TEAM:USER}, {@code discord:GUILD:USER}). A display name is
 * chosen by the user, can be changed and is not unique, so it is kept only as a label. Both are made printable here —
 * control and format characters (line breaks, bidirectional overrides) removed, length bounded — because they end up
 * in audit lines, Kubernetes Events and Argo CD's history, where a forged line break would forge a record.
 *
 * @param id   the stable identity; never a token
 * @param name a display label (user name, CI project path); the id when the platform gives none
 */
public record Caller(String id, String name, Set<FleetRole> roles, Via via) {

    private static final int LABEL_LIMIT = 120;

    public Caller {
        id = printable(id);
        name = name == null || name.isBlank() ? id : printable(name);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(FleetRole role) {
        return roles.contains(role);
    }

    /** The same caller without {@code role}. */
    public Caller without(FleetRole role) {
        java.util.Set<FleetRole> rest = EnumSet.noneOf(FleetRole.class);
        rest.addAll(roles);
        rest.remove(role);
        return new Caller(id, name, rest, via);
    }

    /** How Argo CD shows who started an operation, e.g. {@code slack:T1:U2 "alice" via slack (fleet-ops)}. */
    public String initiatedBy() {
        return id + (name.equals(id) ? "" : " \"" + name + "\"") + " via " + via.label() + " (fleet-ops)";
    }

    /**
     * Removes what a terminal, a log line or a YAML field would read as structure (C0/C1 controls, line and paragraph
     * separators, format characters such as U+202E), folds whitespace runs to one space and bounds the length.
     */
    static String printable(String raw) {
        if (raw == null) {
            return "unknown";
        }
        StringBuilder clean = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < raw.length() && clean.length() < LABEL_LIMIT;) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE) {
                space = space || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029' || c == 0x85;
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && !clean.isEmpty()) {
                clean.append(' ');
            }
            space = false;
            clean.appendCodePoint(c);
        }
        return clean.isEmpty() ? "unknown" : clean.toString();
    }
}
