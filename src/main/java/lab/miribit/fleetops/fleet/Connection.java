package lab.miribit.fleetops.fleet;

import java.time.Instant;

/** The last probe of a cluster's API server, in Argo CD's terms ({@code connectionState.status}). */
public record Connection(State state, String message, Instant checkedAt) {

    public enum State {
        Successful, Failed, Unknown
    }

    static Connection unknown() {
        return new Connection(State.Unknown, "not probed yet", null);
    }
}
