package lab.miribit.fleetops.fleet;

import java.util.Locale;

public enum ClusterRole {
    CENTRAL, EDGE;

    /** The label's value, case-insensitively; anything but "central" is an edge, as Argo CD treats every Secret alike. */
    static ClusterRole fromLabel(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("central") ? CENTRAL : EDGE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
