package lab.miribit.fleetops.journal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where running operations are written down, so that a replica's death does not lose them silently. */
@ConfigMapping(prefix = "fleet.journal")
public interface JournalConfig {

    /** Namespace of the journal ConfigMap: fleet-ops' own. */
    @WithDefault("fleet-ops")
    String namespace();

    @WithDefault("fleet-ops-operations")
    String configMap();

    /**
     * Deliveries already taken, shared by the replicas so that a repeat runs once: one ConfigMap per delivery, named this
     * prefix and a digest of its id, holding until when it is remembered and the operation it started.
     */
    @WithDefault("fleet-ops-delivery")
    String deliveriesPrefix();

    /** Chat confirmations waiting for their user (digests of tokens only), shared so a press lands on any replica. */
    @WithDefault("fleet-ops-confirmations")
    String confirmationsConfigMap();

    /** How often each replica says it is alive, and the schedule's holder looks for operations of dead ones. */
    @WithDefault("15s")
    Duration heartbeat();

    /** A replica silent for this long is taken for dead; its running operations are reported interrupted. */
    @WithDefault("90s")
    Duration staleAfter();
}
