package lab.miribit.fleetops.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The demo's switches. The demo exists only in dev mode, the tests and the demo artifact (-Pdemo); the production
 * build reads these settings only to refuse to start when they are set ({@link ProductionGuard}).
 */
@ConfigMapping(prefix = "fleet.demo")
public interface DemoSettings {

    /** Start the embedded Kubernetes APIs and Argo CD simulator, and accept the demo users over HTTP Basic. */
    @WithDefault("false")
    boolean enabled();

    /** How long the simulated Argo CD takes to carry out a sync. */
    @WithDefault("2s")
    Duration syncDuration();
}
