package lab.miribit.fleetops.operations;

import com.fasterxml.jackson.annotation.JsonValue;

/** The way an action reached fleet-ops. */
public enum Via {
    REST, SLACK, DISCORD, MATTERMOST, CI, WEBHOOK, SCHEDULE;

    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
