package lab.miribit.fleetops.coordination;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which replica runs the schedule: the holder of a Kubernetes Lease. */
@ConfigMapping(prefix = "fleet.leader-election")
public interface LeaderElectionConfig {

    /** Off only for a single replica that should always run the schedule. */
    @WithDefault("true")
    boolean enabled();

    /** Namespace of the Lease: fleet-ops' own. */
    @WithDefault("fleet-ops")
    String namespace();

    @WithDefault("fleet-ops-schedule")
    String leaseName();

    /** This replica's name in the Lease; the pod name ({@code HOSTNAME}) when not set. */
    Optional<String> identity();

    /** How long a lease lasts without renewal; a dead leader is replaced after at most this. */
    @WithDefault("15s")
    Duration leaseDuration();
}
