package lab.miribit.fleetops.demo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedded demo fleet; on in the {@code demo} profile (and so in dev mode), never in production. */
@ConfigMapping(prefix = "fleet.demo")
public interface DemoConfig {

    /** Start the embedded Kubernetes APIs and Argo CD simulator, and accept the demo users over HTTP Basic. */
    @WithDefault("false")
    boolean enabled();

    /** How long the simulated Argo CD takes to carry out a sync. */
    @WithDefault("2s")
    Duration syncDuration();
}
