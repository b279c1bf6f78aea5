package lab.miribit.fleetops.coordination;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * One replica's bid for the schedule's Lease (fabric8's leader election): it leads while it holds and renews
 * the Lease, and stops leading the moment it loses it. Released on close, so a stopping replica hands over at once.
 */
final class ScheduleLease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduleLease.class);

    private final String identity;
    private final CompletableFuture<?> election;
    private volatile boolean leading;

    ScheduleLease(KubernetesClient client, String namespace, String name, String identity, Duration leaseDuration) {
        this.identity = identity;
        Duration renewDeadline = leaseDuration.multipliedBy(2).dividedBy(3);
        Duration retryPeriod = leaseDuration.dividedBy(5);
        this.election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, leader -> LOG.debugf("schedule leader: %s", leader)))
                .build()).build().start();
    }

    boolean leading() {
        return leading;
    }

    String identity() {
        return identity;
    }

    private void started() {
        leading = true;
        LOG.infof("%s now runs the schedule", identity);
    }

    private void stopped() {
        leading = false;
        LOG.infof("%s no longer runs the schedule", identity);
    }

    @Override
    public void close() {
        leading = false;
        election.cancel(true);
    }
}
