package lab.miribit.fleetops.rollback;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.rollback")
public interface RollbackConfig {

    /** How long Argo CD may take to carry out a rollback before the operation fails. */
    @WithDefault("10m")
    Duration timeout();
}
