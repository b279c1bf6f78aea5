package lab.miribit.fleetops.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.operations")
public interface OperationsConfig {

    /** How many finished operations each replica keeps for {@code GET /operations}. */
    @WithDefault("500")
    int retained();

    /** How many audit records each replica keeps for {@code GET /audit} (all of them go to the log). */
    @WithDefault("2000")
    int auditRetained();
}
