package lab.miribit.fleetops.diagnostics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.diagnostics")
public interface DiagnosticsConfig {

    /** An application Progressing for longer than this since its last sync or reconciliation is stuck. */
    @WithDefault("10m")
    Duration progressingThreshold();

    /**
     * How long one rule may take to gather its evidence; a slower rule reports that instead of its findings.
     * Longer than one cluster probe (connect + request timeout), which rules may wait for.
     */
    @WithDefault("10s")
    Duration ruleTimeout();

    /** Namespace GitLab runs in on the central cluster. */
    @WithDefault("gitlab")
    String gitlabNamespace();
}
