package lab.miribit.fleetops.checks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.drift")
public interface DriftConfig {

    /** How often the drift check looks at every application (from the cache: it costs no API call). */
    @WithDefault("1m")
    Duration interval();

    /** Progressing for longer than this since the last sync or reconciliation counts as drift. */
    @WithDefault("10m")
    Duration progressingThreshold();
}
