package lab.miribit.fleetops.checks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.checks")
public interface ScheduleConfig {

    /** How long after start the schedule runs each check for the first time (then at the check's own interval). */
    @WithDefault("15s")
    Duration firstRunDelay();
}
