package lab.miribit.fleetops.checks;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where state changes of the scheduled checks are posted. */
@ConfigMapping(prefix = "fleet.alerts")
public interface AlertsConfig {

    /** Slack channel ID for alerts (the bot must be a member); none to send no Slack alerts. */
    Optional<String> slackChannel();

    /** Discord channel ID for alerts; none to send no Discord alerts. */
    Optional<String> discordChannel();
}
