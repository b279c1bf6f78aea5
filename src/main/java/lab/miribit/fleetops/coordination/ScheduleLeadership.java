package lab.miribit.fleetops.coordination;

import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Whether this replica runs the schedule: with several replicas, only the one holding the Lease does. */
@ApplicationScoped
public class ScheduleLeadership {

    private final KubernetesClient central;
    private final LeaderElectionConfig config;
    private ScheduleLease lease;
    private final String identity;

    ScheduleLeadership(KubernetesClient central, LeaderElectionConfig config) {
        this.central = central;
        this.config = config;
        this.identity = config.identity().or(() -> java.util.Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElse("fleet-ops-" + UUID.randomUUID());
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            lease = new ScheduleLease(central, config.namespace(), config.leaseName(), identity(), config.leaseDuration());
        }
    }

    /** This replica's name: {@code fleet.leader-election.identity}, else the pod's name ({@code HOSTNAME}). */
    public String identity() {
        return identity;
    }

    public boolean leading() {
        return !config.enabled() || lease != null && lease.leading();
    }

    @PreDestroy
    void stop() {
        if (lease != null) {
            lease.close();
        }
    }

    /** Skips a scheduled check on replicas that do not hold the Lease. */
    @Singleton
    public static class NotLeading implements Scheduled.SkipPredicate {
        private final ScheduleLeadership leadership;

        NotLeading(ScheduleLeadership leadership) {
            this.leadership = leadership;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !leadership.leading();
        }
    }
}
