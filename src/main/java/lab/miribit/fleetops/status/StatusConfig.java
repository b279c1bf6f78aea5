package lab.miribit.fleetops.status;

import java.time.Duration;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Read only through the @Scheduled expression, so nothing injects it: keep it registered anyway.
@Unremovable
@ConfigMapping(prefix = "fleet.status")
public interface StatusConfig {

    /**
     * How often {@code fleet_applications} is recounted from the cache; Prometheus scrapes every 15-30 s, so
     * counting more often would only burn CPU on a large fleet.
     */
    @WithDefault("15s")
    Duration recountInterval();
}
