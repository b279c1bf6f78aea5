package lab.miribit.fleetops.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.sync")
public interface SyncConfig {

    /** How long one wave may take to become Synced and Healthy before the operation fails, naming the apps that held it. */
    @WithDefault("10m")
    Duration waveTimeout();

    /** How long Argo CD may take to pick up a refresh request. */
    @WithDefault("2m")
    Duration refreshTimeout();
}
