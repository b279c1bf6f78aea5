package lab.miribit.fleetops.journal;

import java.time.Duration;

/** The journal's settings at their defaults, for tests that build its classes by hand on an embedded API server. */
final class JournalSettings {

    private JournalSettings() {
    }

    static JournalConfig defaults() {
        return new JournalConfig() {
            @Override
            public String namespace() {
                return "fleet-ops";
            }

            @Override
            public String configMap() {
                return "fleet-ops-operations";
            }

            @Override
            public String deliveriesPrefix() {
                return "fleet-ops-delivery";
            }

            @Override
            public String confirmationsConfigMap() {
                return "fleet-ops-confirmations";
            }

            @Override
            public Duration heartbeat() {
                return Duration.ofSeconds(15);
            }

            @Override
            public Duration staleAfter() {
                return Duration.ofSeconds(90);
            }
        };
    }
}
